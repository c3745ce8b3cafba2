package com.emailsync.benchmarks;

import com.emailsync.events.AutomationTriggered;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.DomainEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
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
  /** Per topic and aggregate (connection) id, for a run that measures one connection among others. */
  private final Map<String, Span> byAggregate = new HashMap<>();
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
      if (record.value() == null) {
        continue;
      }
      // Mail events are told apart by their CloudEvent id, stable per mailbox, folder, message and origin, so that this
      // reader does not parse 20,000 bodies of JSON on the machine it measures; the others by what they are about.
      String identity = record.topic().equals(Topics.MESSAGES) ? ceId(record) : identity(codec.decode(record));
      spans.get(record.topic()).add(record, identity);
      byAggregate.computeIfAbsent(record.topic() + "\n" + record.key(), k -> new Span()).add(record, identity);
    }
  }

  private static String ceId(ConsumerRecord<String, byte[]> record) {
    var header = record.headers().lastHeader("ce_id");
    if (header == null) {
      throw new IllegalStateException("a mail event without a CloudEvent id on " + record.topic());
    }
    return new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** What makes a record the same thing twice: an entry and a firing by their ids. */
  private static String identity(DomainEvent event) {
    return switch (event) {
      case ContactEmailLogged entry -> entry.entryId();
      case AutomationTriggered firing -> firing.firingId();
      default -> event.eventId().toString();
    };
  }

  Span span(String topic) {
    return spans.get(topic);
  }

  /** The records of one aggregate (a connection's mail, say: the record key) on the topic. */
  Span span(String topic, String aggregateId) {
    return byAggregate.getOrDefault(topic + "\n" + aggregateId, new Span());
  }

  @Override
  public void close() {
    consumer.close();
  }
}
