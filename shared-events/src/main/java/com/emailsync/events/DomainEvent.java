package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;

/** What every event carries: its own id, when it happened, and the id of the aggregate it is about. */
public sealed interface DomainEvent
    permits ConnectionChanged, EmailEvent, SyncStatusReported, FolderCursorAdvanced, ContactChanged,
        ContactEmailLogged, AutomationTriggered, MailRereadRequested, ContactMerged, EntriesErased,
        ContactSuggested, MessageSetAside, SyncHeld, ConnectionNeedsReauth, ConnectionReauthDue {

  UUID eventId();

  Instant occurredAt();

  /** The Kafka key: the aggregate whose events must stay in order. */
  String aggregateId();

  /**
   * The consumed event this one answers, where a consumer publishes it from a batch (see {@link
   * com.emailsync.events.tracing.TracedBatch}): its trace goes on. Not on the wire.
   */
  default java.util.Optional<String> causeId() {
    return java.util.Optional.empty();
  }
}
