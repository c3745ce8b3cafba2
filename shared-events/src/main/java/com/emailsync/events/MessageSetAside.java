package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message the sync worker could not turn into a mail event, set aside so that it blocks nothing: the folder's cursor
 * moves past it and the rest of the mailbox syncs. It names where the message is and why, never its content; after a
 * fix, a resync or a re-read by its location brings it in.
 *
 * @param messageId the Message-ID, when it could be read
 * @param reason what went wrong, for a person
 */
public record MessageSetAside(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    String tenantId,
    MailboxLocation location,
    @Nullable String messageId,
    String reason)
    implements DomainEvent {

  public static final String TYPE = "emailsync.message.set-aside.v1";

  public MessageSetAside {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.text(tenantId, "tenantId");
    Require.present(location, "location");
    Require.text(reason, "reason");
  }

  @Override
  public String aggregateId() {
    return connectionId;
  }
}
