package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An automation fired for a contact, exactly once per automation, contact and message. */
public record AutomationTriggered(
    UUID eventId,
    Instant occurredAt,
    String firingId,
    String automationId,
    String tenantId,
    String contactId,
    String trigger,
    String entryId,
    String messageId,
    @Nullable String subject)
    implements DomainEvent {

  public static final String TYPE = "crm.automation.triggered.v1";

  public AutomationTriggered {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(firingId, "firingId");
    Require.text(automationId, "automationId");
    Require.text(tenantId, "tenantId");
    Require.text(contactId, "contactId");
    // Rejects a tenant id the key could not carry, here rather than when the event is sent.
    new ContactKey(tenantId, contactId);
    Require.text(trigger, "trigger");
    Require.text(entryId, "entryId");
    Require.text(messageId, "messageId");
  }

  /** The history entry that fired it. */
  @Override
  public java.util.Optional<String> causeId() {
    return java.util.Optional.of(entryId);
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
