package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;

/** An email sent by the connected account, found in one of its synced folders. */
public record EmailSent(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    String tenantId,
    String ownerUserId,
    MailboxLocation location,
    MailMessage message)
    implements EmailEvent {

  public static final String TYPE = "emailsync.email.sent.v1";

  public EmailSent {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.text(tenantId, "tenantId");
    Require.text(ownerUserId, "ownerUserId");
    Require.present(location, "location");
    Require.present(message, "message");
  }

  @Override
  public Direction direction() {
    return Direction.SENT;
  }

  @Override
  public EmailSent withMessage(MailMessage changed) {
    return new EmailSent(eventId, occurredAt, connectionId, tenantId, ownerUserId, location, changed);
  }
}
