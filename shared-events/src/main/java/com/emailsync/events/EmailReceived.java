package com.emailsync.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An email received by the connected account, found in one of its synced folders. */
public record EmailReceived(
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

  public static final String TYPE = "emailsync.email.received.v1";

  public EmailReceived {
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
  public EmailReceived(
      UUID eventId, Instant occurredAt, String connectionId, String tenantId, String ownerUserId, MailboxLocation location, MailMessage message, MailOrigin origin) {
    this(eventId, occurredAt, connectionId, tenantId, ownerUserId, location, message, origin, List.of());
  }

  /** Mail found by the sync as it arrived. */
  public EmailReceived(
      UUID eventId, Instant occurredAt, String connectionId, String tenantId, String ownerUserId, MailboxLocation location, MailMessage message) {
    this(eventId, occurredAt, connectionId, tenantId, ownerUserId, location, message, MailOrigin.LIVE);
  }

  @Override
  public Direction direction() {
    return Direction.RECEIVED;
  }

  @Override
  public EmailReceived withMessage(MailMessage changed) {
    return new EmailReceived(eventId, occurredAt, connectionId, tenantId, ownerUserId, location, changed, origin, accountAddresses);
  }
}
