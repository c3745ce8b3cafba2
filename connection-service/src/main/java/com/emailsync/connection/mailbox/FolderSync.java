package com.emailsync.connection.mailbox;

import org.jspecify.annotations.Nullable;

/** How a folder syncs if selected, so that a user picks folders knowing what each costs. */
public enum FolderSync {
  /** New mail is synced within seconds: INBOX always (IDLE), every folder where the server offers NOTIFY. */
  REAL_TIME,
  /**
   * New mail is synced within about half a minute: the server announces it only in the folder a session watches, so
   * the sync checks this one with STATUS (or, for the first few selected, watches it with a session of its own).
   */
  CHECKED,
  /**
   * Rarely worth syncing: junk (strangers' mail), trash (deleted mail), drafts (not sent), or every message again (All
   * Mail). It can still be selected.
   */
  NOT_RECOMMENDED;

  /** @param specialUse the folder's RFC 6154 attribute, or null */
  public static FolderSync of(String name, @Nullable String specialUse, boolean serverNotifies) {
    if (specialUse != null) {
      switch (specialUse.toLowerCase(java.util.Locale.ROOT)) {
        case "\\junk", "\\trash", "\\drafts", "\\all" -> {
          return NOT_RECOMMENDED;
        }
        default -> {
          // A sent, archive or flagged folder syncs as any other.
        }
      }
    }
    return "INBOX".equalsIgnoreCase(name) || serverNotifies ? REAL_TIME : CHECKED;
  }
}
