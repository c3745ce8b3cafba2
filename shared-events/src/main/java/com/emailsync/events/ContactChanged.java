package com.emailsync.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A CRM contact as it is now, from the CRM's contact service on the compacted contacts topic; a tombstone under the
 * contact id means the contact was deleted.
 */
public record ContactChanged(
    UUID eventId, Instant occurredAt, String tenantId, String contactId, @Nullable String name, List<String> emails)
    implements DomainEvent {

  public static final String TYPE = "crm.contact.changed.v1";

  public ContactChanged {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.text(contactId, "contactId");
    // Rejects a tenant id the key could not carry, here rather than when the event is sent.
    new ContactKey(tenantId, contactId);
    emails = Require.list(emails).stream().map(email -> EmailAddress.of(email).address()).distinct().toList();
  }

  /** The contact's key, {@code <tenantId>/<contactId>}: contacts are numbered per tenant. */
  @Override
  public String aggregateId() {
    return contactKey().value();
  }

  public ContactKey contactKey() {
    return new ContactKey(tenantId, contactId);
  }
}
