package com.emailsync.benchmarks;

import com.emailsync.events.AutomationTriggered;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.DomainEvent;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.EventCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * When each topic's records were produced, as a downstream consumer sees them (committed only): the broker's record
 * timestamps, so the measurement does not depend on how fast this reader polls.
 */
final class TopicTimeline implements AutoCloseable {

  /** First and last produce time of a topic's records, in epoch milliseconds, and how many distinct ones. */
  static final class Span {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long records;
    final Set<String> distinct = new HashSet<>();

    void add(ConsumerRecord<String, byte[]> record, String identity) {
      first = Math.min(first, record.timestamp());
      last = Math.max(last, record.timestamp());
      records++;
      distinct.add(identity);
    }
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Span> spans = new HashMap<>();
  private final EventCodec codec = new EventCodec("/emailsync/benchmark");

  TopicTimeline(String bootstrapServers, List<String> topics) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(topics);
    topics.forEach(t -> spans.put(t, new Span()));
  }

  void poll() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
      if (record.value() != null) {
        spans.get(record.topic()).add(record, identity(codec.decode(record)));
      }
    }
  }

  /** What makes a record the same thing twice: a mail by its Message-ID, an entry and a firing by their ids. */
  private static String identity(DomainEvent event) {
    return switch (event) {
      case EmailEvent mail -> mail.origin() + " " + mail.message().messageId();
      case ContactEmailLogged entry -> entry.entryId();
      case AutomationTriggered firing -> firing.firingId();
      default -> event.eventId().toString();
    };
  }

  Span span(String topic) {
    return spans.get(topic);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
