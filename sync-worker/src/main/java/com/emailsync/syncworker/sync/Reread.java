package com.emailsync.syncworker.sync;

import com.emailsync.events.MailboxLocation;

/**
 * A message to read again by UID, for a contact that appeared after it was synced.
 *
 * @param messageId the message expected there: another one at that UID (the folder was renumbered) is not sent
 */
public record Reread(MailboxLocation location, String messageId) {}
