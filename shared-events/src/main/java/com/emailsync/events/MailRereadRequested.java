package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Asks the sync worker that owns a connection to read one message again by UID and publish it with origin
 * {@link MailOrigin#CATCH_UP}: a contact appeared, or gained an address, after the mail was synced. Only a message key
 * and its location travel; the mail itself is read from the mailbox, never kept for mail that involved no contact.
 *
 * @param messageId the message expected at the location; a different message there (the UID was reused) is not sent
 */
public record MailRereadRequested(
    UUID eventId, Instant occurredAt, String connectionId, String tenantId, MailboxLocation location, String messageId)
    implements DomainEvent {

  public static final String TYPE = "emailsync.mail.reread-requested.v1";

  public MailRereadRequested {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.text(tenantId, "tenantId");
    Require.present(location, "location");
    Require.text(messageId, "messageId");
  }

  @Override
  public String aggregateId() {
    return connectionId;
  }
}
