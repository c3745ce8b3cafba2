package com.emailsync.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An email sent by the connected account, found in one of its synced folders. */
public record EmailSent(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    String tenantId,
    String ownerUserId,
    MailboxLocation location,
    MailMessage message,
    MailOrigin origin,
    List<String> accountAddresses)
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
    origin = MailOrigin.orLive(origin);
    accountAddresses = Require.list(accountAddresses).stream().map(a -> EmailAddress.of(a).address()).toList();
  }

  /** Mail whose account addresses are not given. */
  public EmailSent(
      UUID eventId, Instant occurredAt, String connectionId, String tenantId, String ownerUserId, MailboxLocation location, MailMessage message, MailOrigin origin) {
    this(eventId, occurredAt, connectionId, tenantId, ownerUserId, location, message, origin, List.of());
  }

  /** Mail found by the sync as it arrived. */
  public EmailSent(
      UUID eventId, Instant occurredAt, String connectionId, String tenantId, String ownerUserId, MailboxLocation location, MailMessage message) {
    this(eventId, occurredAt, connectionId, tenantId, ownerUserId, location, message, MailOrigin.LIVE);
  }

  @Override
  public Direction direction() {
    return Direction.SENT;
  }

  @Override
  public EmailSent withMessage(MailMessage changed) {
    return new EmailSent(eventId, occurredAt, connectionId, tenantId, ownerUserId, location, changed, origin, accountAddresses);
  }
}
