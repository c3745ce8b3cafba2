package com.emailsync.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A CRM contact as it is now, from the CRM's contact service on the compacted contacts topic; a tombstone under the
 * contact id means the contact was deleted.
 *
 * @param attributes the CRM's fields of the contact that automations may filter on ({@code segment},
 *     {@code lifecycle}...); empty when the CRM sends none
 */
public record ContactChanged(
    UUID eventId, Instant occurredAt, String tenantId, String contactId, @Nullable String name, List<String> emails, Map<String, String> attributes)
    implements DomainEvent {

  /** A contact with no attributes. */
  public ContactChanged(UUID eventId, Instant occurredAt, String tenantId, String contactId, @Nullable String name, List<String> emails) {
    this(eventId, occurredAt, tenantId, contactId, name, emails, Map.of());
  }

  public static final String TYPE = "crm.contact.changed.v1";

  public ContactChanged {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.text(contactId, "contactId");
    // Rejects a tenant id the key could not carry, here rather than when the event is sent.
    new ContactKey(tenantId, contactId);
    emails = Require.list(emails).stream().map(email -> EmailAddress.of(email).address()).distinct().toList();
    // Sorted: the same contact is the same event, whatever order the CRM listed its fields in.
    attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attributes));
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
