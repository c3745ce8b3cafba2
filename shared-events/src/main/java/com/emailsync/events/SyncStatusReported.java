package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one sync pass over a connection, so the connection's owner sees what happened and what to do.
 *
 * @param detail a sentence a user can act on (never a secret, never a stack trace)
 */
public record SyncStatusReported(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    String tenantId,
    Status status,
    @Nullable String detail,
    int messagesPublished)
    implements DomainEvent {

  public static final String TYPE = "emailsync.sync.status.v1";

  public SyncStatusReported {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.text(tenantId, "tenantId");
    Require.present(status, "status");
  }

  @Override
  public String aggregateId() {
    return connectionId;
  }

  public enum Status {
    OK,
    /** Synced, but some messages could not be read and were set aside ({@link MessageSetAside}); the detail names them. */
    MESSAGES_SET_ASIDE,
    AUTHENTICATION_FAILED,
    CONNECTION_FAILED,
    FOLDER_NOT_FOUND,
    FAILED,
    /** The server asked to slow down (too many connections, an account limit): the next try waits, longer each time. */
    THROTTLED
  }
}
