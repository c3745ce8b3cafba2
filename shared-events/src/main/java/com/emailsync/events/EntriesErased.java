package com.emailsync.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * History entries of a contact were erased, so that copies downstream (lead scores, automation ledgers, search
 * indexes) can erase theirs. On the contact-activity topic under the contact's key, after the entries it names.
 *
 * @param entryIds the erased entries (at most a thousand per event; a large erasure publishes several)
 */
public record EntriesErased(
    UUID eventId, Instant occurredAt, String tenantId, String contactId, List<String> entryIds, Reason reason)
    implements DomainEvent {

  public static final String TYPE = "emailsync.contact.entries-erased.v1";

  public EntriesErased {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(tenantId, "tenantId");
    Require.text(contactId, "contactId");
    new ContactKey(tenantId, contactId);
    entryIds = Require.list(entryIds);
    Require.present(reason, "reason");
  }

  @Override
  public String aggregateId() {
    return new ContactKey(tenantId, contactId).value();
  }

  public enum Reason {
    /** A privacy request: everything logged about the person. */
    CONTACT_ERASURE,
    /** Older than the tenant's retention period. */
    RETENTION,
    /** Logged from a connection the tenant deleted, and the tenant erases with connections. */
    CONNECTION_DELETED,
    /** Moved to the contact it was merged into. */
    CONTACT_MERGED
  }
}
