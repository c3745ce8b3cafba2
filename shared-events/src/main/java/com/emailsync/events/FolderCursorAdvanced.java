package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;

/**
 * How far a folder is synced. Written to a compacted topic in the same Kafka transaction as the mail events it covers,
 * so the cursor and the events commit together or not at all.
 *
 * @param lastUid the highest UID whose mail is published; 0 before any
 * @param resyncGeneration the connection's resync generation this cursor belongs to
 */
public record FolderCursorAdvanced(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    String folder,
    long uidValidity,
    long lastUid,
    long resyncGeneration)
    implements DomainEvent {

  public static final String TYPE = "emailsync.sync.cursor.v1";

  public FolderCursorAdvanced {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.text(folder, "folder");
  }

  /** One cursor per folder of a connection: the compacted topic keeps the latest under this key. */
  @Override
  public String aggregateId() {
    return key(connectionId, folder);
  }

  public static String key(String connectionId, String folder) {
    return connectionId + "/" + folder;
  }
}
