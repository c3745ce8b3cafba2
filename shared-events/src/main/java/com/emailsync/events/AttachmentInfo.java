package com.emailsync.events;

import org.jspecify.annotations.Nullable;

/** What an attachment is, not its bytes: the contact log shows it, the mailbox keeps it. */
public record AttachmentInfo(@Nullable String filename, String contentType, long sizeBytes, boolean inline) {

  public AttachmentInfo {
    Require.text(contentType, "contentType");
  }
}
