package com.emailsync.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How far a folder is synced. Written to a compacted topic in the same Kafka transaction as the mail events it covers,
 * so the cursor and the events commit together or not at all.
 *
 * @param lastUid the highest UID whose mail is published; 0 before any
 * @param resyncGeneration the connection's resync generation this cursor belongs to
 * @param lastMessageId the Message-ID of the mail at {@code lastUid}, by which the cursor finds its place again when
 *     the server renumbers the folder (a new UIDVALIDITY); optional on the wire
 * @param lastReceivedAt that mail's INTERNALDATE, for when its Message-ID cannot be found; optional on the wire
 * @param seen the UIDs the sync has read (published, set aside, or passed over as outside the backfill window), as
 *     ascending, disjoint ranges: a UID up to {@code lastUid} that is in the folder but not here arrived late, out of
 *     order, and is published by the next reconciliation. Empty (and absent on the wire from older workers): unknown,
 *     taken as everything up to {@code lastUid}
 * @param highestModSeq the folder's HIGHESTMODSEQ (RFC 7162) when it was selected; 0 (and absent on the wire) when
 *     the server keeps none
 */
public record FolderCursorAdvanced(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    String folder,
    long uidValidity,
    long lastUid,
    long resyncGeneration,
    @Nullable String lastMessageId,
    @Nullable Instant lastReceivedAt,
    List<UidRange> seen,
    long highestModSeq)
    implements DomainEvent {

  public static final String TYPE = "emailsync.sync.cursor.v1";

  public FolderCursorAdvanced {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.text(folder, "folder");
    seen = Require.list(seen);
  }

  public FolderCursorAdvanced(
      UUID eventId, Instant occurredAt, String connectionId, String folder, long uidValidity, long lastUid, long resyncGeneration) {
    this(eventId, occurredAt, connectionId, folder, uidValidity, lastUid, resyncGeneration, null, null, List.of(), 0);
  }

  /** UIDs {@code first} to {@code last}, both included. */
  public record UidRange(long first, long last) {
    public UidRange {
      if (first < 1 || last < first) {
        throw new IllegalArgumentException("a UID range runs from 1 or more up to at least its first UID");
      }
    }
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
