package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.EventCodec;
import com.emailsync.events.FolderCursorAdvanced;
import com.emailsync.events.Topics;
import com.emailsync.syncworker.sync.FolderCursor;
import com.emailsync.syncworker.sync.SeenUids;
import com.emailsync.syncworker.sync.SyncHold;
import com.emailsync.events.SyncHeld;
import com.emailsync.syncworker.sync.SyncCursors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The folder cursors, read from their compacted topic (committed records only) and kept current by this worker's own
 * commits. The topic, not a database, is the truth: a cursor is visible exactly when the mail it covers is.
 */
public class KafkaSyncCursors implements SyncCursors, SyncHold.Holds {

  private static final Logger log = LoggerFactory.getLogger(KafkaSyncCursors.class);
  private static final String HELD_SUFFIX = SyncHeld.key("");

  private final ConsumerFactory<String, byte[]> consumers;
  private final EventCodec codec;
  private final Map<String, Positioned<FolderCursor>> byKey = new ConcurrentHashMap<>();
  /** Holds by connection id, each with its offset; a released one stays as null, so an older record cannot revive it. */
  private final Map<String, Positioned<SyncHold>> holds = new ConcurrentHashMap<>();
  /** False from a failed reload until one succeeds: no pass may start meanwhile. */
  private volatile boolean loaded;

  public KafkaSyncCursors(ConsumerFactory<String, byte[]> consumers, EventCodec codec) {
    this.consumers = consumers;
    this.codec = codec;
  }

  /**
   * A cursor or a hold (null once released) and its offset on the topic: of two versions of one key's record, the later
   * offset is the newer.
   */
  private record Positioned<T>(@org.jspecify.annotations.Nullable T value, long offset) {}

  /**
   * A reload must never put back an older record over one a pass committed meanwhile: an older cursor would publish mail
   * twice, an older hold would come back after its release.
   */
  private static <T> void keepNewer(Map<String, Positioned<T>> records, String key, Positioned<T> candidate) {
    records.merge(key, candidate, (known, fresh) -> fresh.offset() >= known.offset() ? fresh : known);
  }

  @Override
  public Optional<SyncHold> of(String connectionId) {
    return Optional.ofNullable(holds.get(connectionId)).map(Positioned::value);
  }

  void rememberHold(SyncHold hold, long offset) {
    keepNewer(holds, hold.connectionId(), new Positioned<>(hold, offset));
  }

  void forgetHold(String connectionId, long offset) {
    keepNewer(holds, connectionId, new Positioned<>(null, offset));
  }

  static SyncHeld toEvent(SyncHold hold, java.time.Instant at) {
    long seconds = Math.max(0, java.time.Duration.between(at, hold.until()).toSeconds());
    return new SyncHeld(java.util.UUID.randomUUID(), at, hold.connectionId(), hold.reason(), hold.credentialTag(), seconds);
  }

  @Override
  public Optional<FolderCursor> find(String connectionId, String folder) {
    return Optional.ofNullable(byKey.get(FolderCursorAdvanced.key(connectionId, folder))).map(Positioned::value);
  }

  /** A cursor this worker committed, at the offset the broker gave it. */
  void remember(FolderCursor cursor, long offset) {
    keepNewer(byKey, FolderCursorAdvanced.key(cursor.connectionId(), cursor.folder()), new Positioned<>(cursor, offset));
  }

  /** After a commit whose outcome is unknown (a timeout): it may have landed, so the cursors are read again first. */
  void invalidate() {
    loaded = false;
  }

  static FolderCursorAdvanced toEvent(FolderCursor cursor, java.time.Instant at) {
    return new FolderCursorAdvanced(
        java.util.UUID.randomUUID(), at, cursor.connectionId(), cursor.folder(), cursor.uidValidity(), cursor.lastUid(), cursor.resyncGeneration(),
        cursor.lastMessageId(), cursor.lastReceivedAt(),
        cursor.seen().ranges().stream().map(r -> new FolderCursorAdvanced.UidRange(r[0], r[1])).toList(), cursor.highestModSeq());
  }

  @Override
  public boolean ensureLoaded() {
    if (!loaded) {
      try {
        reload();
      } catch (RuntimeException e) {
        log.warn("Could not read the folder cursors; no mailbox is synced until they are read", e);
      }
    }
    return loaded;
  }

  /**
   * Reads the whole topic up to its current end; until that succeeds, {@link #ensureLoaded} says no.
   *
   * @throws RuntimeException when the topic cannot be read (the broker is away): the cursors count as not loaded
   */
  public synchronized void reload() {
    try {
      readAll();
    } catch (RuntimeException e) {
      loaded = false;
      throw e;
    }
    loaded = true;
  }

  private void readAll() {
    try (Consumer<String, byte[]> consumer = consumers.createConsumer("sync-worker-cursors", "-reader")) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.SYNC_CURSORS).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null && record.key() != null && record.key().endsWith(HELD_SUFFIX)) {
            keepNewer(holds, record.key().substring(0, record.key().length() - HELD_SUFFIX.length()), new Positioned<>(null, record.offset()));
            continue;
          }
          var event = codec.decode(record);
          if (event instanceof SyncHeld held) {
            keepNewer(holds, held.connectionId(), new Positioned<>(
                new SyncHold(held.connectionId(), held.reason(), held.credentialTag(), held.until(), held.waitTime()), record.offset()));
          } else if (event instanceof FolderCursorAdvanced cursor) {
            keepNewer(byKey, cursor.aggregateId(), new Positioned<>(
                new FolderCursor(cursor.connectionId(), cursor.folder(), cursor.uidValidity(), cursor.lastUid(), cursor.resyncGeneration(),
                    cursor.lastMessageId(), cursor.lastReceivedAt(),
                    new SeenUids(cursor.seen().stream().map(r -> new long[] {r.first(), r.last()}).toList()), cursor.highestModSeq()),
                record.offset()));
          }
        }
      }
    }
  }
}
