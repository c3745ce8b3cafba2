package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.EventCodec;
import com.emailsync.events.FolderCursorAdvanced;
import com.emailsync.events.Topics;
import com.emailsync.syncworker.sync.SyncCursors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The folder cursors, read from their compacted topic (committed records only) and kept current by this worker's own
 * commits. The topic, not a database, is the truth: a cursor is visible exactly when the mail it covers is.
 */
public class KafkaSyncCursors implements SyncCursors {

  private final ConsumerFactory<String, byte[]> consumers;
  private final EventCodec codec;
  private final Map<String, FolderCursorAdvanced> byKey = new ConcurrentHashMap<>();

  public KafkaSyncCursors(ConsumerFactory<String, byte[]> consumers, EventCodec codec) {
    this.consumers = consumers;
    this.codec = codec;
  }

  @Override
  public Optional<FolderCursorAdvanced> find(String connectionId, String folder) {
    return Optional.ofNullable(byKey.get(FolderCursorAdvanced.key(connectionId, folder)));
  }

  void remember(FolderCursorAdvanced cursor) {
    byKey.put(cursor.aggregateId(), cursor);
  }

  /** Reads the whole topic up to its current end. */
  public void reload() {
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
          if (codec.decode(record) instanceof FolderCursorAdvanced cursor) {
            byKey.merge(cursor.aggregateId(), cursor, (old, fresh) -> fresh);
          }
        }
      }
    }
  }
}
