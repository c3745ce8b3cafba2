package com.emailsync.testsupport;

import static org.awaitility.Awaitility.await;

import com.emailsync.events.DomainEvent;
import com.emailsync.events.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every committed record of some topics from the beginning, as a downstream consumer would, and decodes the
 * events. Only the test thread touches the consumer, so there is no background thread to synchronise with.
 */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final EventCodec codec = new EventCodec("/emailsync/test");
  private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();

  public TopicReader(String bootstrapServers, String... topics) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topics));
  }

  /** Polls until the events of the given class satisfy the condition, and returns them. */
  public <E extends DomainEvent> List<E> awaitEvents(Class<E> type, Predicate<List<E>> condition, Duration timeout) {
    List<E> matched = new ArrayList<>();
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              poll();
              matched.clear();
              matched.addAll(events(type));
              return condition.test(matched);
            });
    return List.copyOf(matched);
  }

  /** Reads whatever arrived since the last call. */
  public List<ConsumerRecord<String, byte[]>> poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    return List.copyOf(records);
  }

  /**
   * Polls until this reader has read every record committed so far (the last stable offset of each partition), so a
   * snapshot taken next misses nothing that was already published.
   */
  public void readToEnd(Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              poll();
              var assigned = consumer.assignment();
              if (assigned.isEmpty()) {
                return false;
              }
              var ends = consumer.endOffsets(assigned);
              return assigned.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
  }

  public <E extends DomainEvent> List<E> events(Class<E> type) {
    return records.stream()
        .filter(record -> record.value() != null)
        .filter(record -> record.headers().lastHeader("ce_type") != null)
        .map(codec::decode)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
