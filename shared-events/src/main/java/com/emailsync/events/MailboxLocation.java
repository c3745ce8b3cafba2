package com.emailsync.events;

/** Where a message was found: folder, and the UID that is only meaningful with its UIDVALIDITY. */
public record MailboxLocation(String folder, long uidValidity, long uid) {

  public MailboxLocation {
    Require.text(folder, "folder");
  }
}
