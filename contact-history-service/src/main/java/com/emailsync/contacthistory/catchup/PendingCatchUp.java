package com.emailsync.contacthistory.catchup;

import com.emailsync.events.MailboxLocation;
import com.emailsync.events.StableId;
import java.time.Instant;

/**
 * A mail a contact should have in its history and that was asked for again, until the entry is there.
 *
 * @param entryId the history entry the re-read mail will make: its presence settles the request
 * @param attempts how many times the re-read was asked for
 */
public record PendingCatchUp(
    String entryId,
    String tenantId,
    String contactId,
    String messageId,
    String connectionId,
    MailboxLocation location,
    Instant lastRequestedAt,
    int attempts) {

  public static PendingCatchUp first(String tenantId, String contactId, IndexedMail mail, Instant at) {
    return new PendingCatchUp(
        StableId.of(tenantId, contactId, mail.messageId()), tenantId, contactId, mail.messageId(), mail.connectionId(), mail.location(), at, 1);
  }

  public PendingCatchUp askedAgain(Instant at) {
    return new PendingCatchUp(entryId, tenantId, contactId, messageId, connectionId, location, at, attempts + 1);
  }
}
