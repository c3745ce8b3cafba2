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
    Require.text(trigger, "trigger");
    Require.text(entryId, "entryId");
    Require.text(messageId, "messageId");
  }

  @Override
  public String aggregateId() {
    return contactId;
  }
}
