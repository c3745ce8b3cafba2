package com.emailsync.syncworker.sync;

import org.jspecify.annotations.Nullable;

/**
 * A message that could not be read into a mail event, with the reason: it is set aside, and the folder goes on.
 *
 * @param messageId its Message-ID, when that much could be read
 */
public record UnreadableMail(long uid, @Nullable String messageId, String reason) implements Fetched {}
