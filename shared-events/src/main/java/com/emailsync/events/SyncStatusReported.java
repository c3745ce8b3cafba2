package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one sync pass over a connection, so the connection's owner sees what happened and what to do.
 *
 * @param detail a sentence a user can act on (never a secret, never a stack trace)
 * @param reason why the mail server could not be read, finer than {@code status}; null when it could, or for another
 *     cause (optional on the wire)
 */
public record SyncStatusReported(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    String tenantId,
    Status status,
    @Nullable String detail,
    int messagesPublished,
    @Nullable Completeness completeness,
    @Nullable MailboxFailureReason reason)
    implements DomainEvent {

  public static final String TYPE = "emailsync.sync.status.v1";

  public SyncStatusReported {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.text(tenantId, "tenantId");
    Require.present(status, "status");
  }

  public SyncStatusReported(
      UUID eventId, Instant occurredAt, String connectionId, String tenantId, Status status, @Nullable String detail, int messagesPublished) {
    this(eventId, occurredAt, connectionId, tenantId, status, detail, messagesPublished, null, null);
  }

  public SyncStatusReported(
      UUID eventId, Instant occurredAt, String connectionId, String tenantId, Status status, @Nullable String detail, int messagesPublished,
      @Nullable Completeness completeness) {
    this(eventId, occurredAt, connectionId, tenantId, status, detail, messagesPublished, completeness, null);
  }

  @Override
  public String aggregateId() {
    return connectionId;
  }

  /**
   * What a reconciliation of the synced folders found: every message now in their synced ranges, compared with what
   * the sync had read. Only on a report whose pass ran one (optional on the wire).
   *
   * @param messages messages in the selected folders' synced ranges now
   * @param missing of those, how many the sync had not read (they arrived late, out of UID order)
   * @param republished of the missing, how many this reconciliation published; the rest were set aside as unreadable,
   *     were a Gmail message published from another folder already, or were gone by the time they were fetched, and
   *     are not tried again
   */
  public record Completeness(Instant checkedAt, long messages, long missing, long republished) {
    public Completeness {
      Require.present(checkedAt, "completeness.checkedAt");
      if (messages < 0 || missing < 0 || republished < 0 || missing > messages || republished > missing) {
        throw new IllegalArgumentException("completeness counts must be 0 <= republished <= missing <= messages");
      }
    }

    /** The share of the messages published, after this reconciliation's repairs: 100 when none is missing. */
    public double percent() {
      return messages == 0 ? 100.0 : 100.0 * (messages - missing + republished) / messages;
    }
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
