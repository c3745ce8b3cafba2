package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The CRM merged one contact into another: the merged contact is gone, and its email history belongs to the survivor.
 * Published on the compacted contacts topic under the merged contact's key, so it is also that contact's last state.
 */
public record ContactMerged(UUID eventId, Instant occurredAt, String tenantId, String mergedContactId, String survivorContactId)
    implements DomainEvent {

  public static final String TYPE = "crm.contact.merged.v1";

  public ContactMerged {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.text(mergedContactId, "mergedContactId");
    Require.text(survivorContactId, "survivorContactId");
    new ContactKey(tenantId, mergedContactId);
    if (mergedContactId.equals(survivorContactId)) {
      throw new IllegalArgumentException("a contact cannot be merged into itself");
    }
  }

  /** The merged contact's key, {@code <tenantId>/<mergedContactId>}: its record on the compacted topic. */
  @Override
  public String aggregateId() {
    return new ContactKey(tenantId, mergedContactId).value();
  }
}
