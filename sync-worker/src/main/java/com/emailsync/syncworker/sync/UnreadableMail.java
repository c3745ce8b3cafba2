package com.emailsync.syncworker.sync;

import org.jspecify.annotations.Nullable;

/**
 * A message that could not be read into a mail event, with the reason: it is set aside, and the folder goes on.
 *
 * @param messageId its Message-ID, when that much could be read
 * @param serverSide the server did not send it (a NO, a dropped session, throttling) rather than it being unreadable:
 *     tried again on later passes before it is set aside
 */
public record UnreadableMail(long uid, @Nullable String messageId, String reason, boolean serverSide) implements Fetched {

  public UnreadableMail(long uid, @Nullable String messageId, String reason) {
    this(uid, messageId, reason, false);
  }
}
