package com.emailsync.contacthistory.catchup;

import com.emailsync.events.MailboxLocation;
import com.emailsync.events.StableId;
import java.time.Duration;
import java.time.Instant;

/**
 * A mail a contact should have in its history and that was asked for again, until the entry is there.
 *
 * @param entryId the history entry the re-read mail will make: its presence settles the request
 * @param nextAttemptAt when to look again, and ask again if the entry has not appeared
 * @param attempts how many times the re-read was asked for
 */
public record PendingCatchUp(
    String entryId,
    String tenantId,
    String contactId,
    String messageId,
    String connectionId,
    MailboxLocation location,
    Instant nextAttemptAt,
    int attempts) {

  public static PendingCatchUp first(String tenantId, String contactId, IndexedMail mail, Instant now, Duration retryAfter) {
    return new PendingCatchUp(
        StableId.of(tenantId, contactId, mail.messageId()),
        tenantId,
        contactId,
        mail.messageId(),
        mail.connectionId(),
        mail.location(),
        now.plus(retryAfter),
        1);
  }

  /**
   * Asked once more; the wait before the next look doubles each time, so a worker that is away for hours (a long first
   * sync, a mail server outage) still gets the request, without asking every few minutes meanwhile.
   */
  public PendingCatchUp askedAgain(Instant now, Duration retryAfter) {
    return new PendingCatchUp(
        entryId, tenantId, contactId, messageId, connectionId, location, now.plus(retryAfter.multipliedBy(1L << Math.min(attempts, 20))), attempts + 1);
  }
}
