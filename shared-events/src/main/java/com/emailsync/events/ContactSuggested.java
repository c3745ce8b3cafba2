package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Someone the tenant corresponds with who is not a CRM contact, once per tenant and address: the CRM decides whether
 * to create a contact; Email Sync never invents one. Only published when the tenant's suggestion policy asks for it.
 *
 * @param address the person's address, normalized as contacts' addresses are
 * @param direction {@code SENT} when the account wrote to them, {@code RECEIVED} when they wrote to the account
 */
public record ContactSuggested(
    UUID eventId,
    Instant occurredAt,
    String tenantId,
    String address,
    @Nullable String name,
    String connectionId,
    String ownerUserId,
    EmailEvent.Direction direction,
    String messageId,
    Instant sentAt)
    implements DomainEvent {

  public static final String TYPE = "emailsync.contact.suggested.v1";

  public ContactSuggested {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.text(address, "address");
    new ContactKey(tenantId, address);
    Require.text(connectionId, "connectionId");
    Require.text(ownerUserId, "ownerUserId");
    Require.present(direction, "direction");
    Require.text(messageId, "messageId");
    Require.present(sentAt, "sentAt");
  }

  /** {@code <tenantId>/<address>}: one suggestion per person and tenant, in order. */
  @Override
  public String aggregateId() {
    return new ContactKey(tenantId, address).value();
  }
}
