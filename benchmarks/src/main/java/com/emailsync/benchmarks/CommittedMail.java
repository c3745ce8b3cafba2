package com.emailsync.benchmarks;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * When each mail became visible to a downstream reader (read-committed, from the start of the messages topic): its
 * record's timestamp, by Message-ID, until the thread that follows it is interrupted.
 */
final class CommittedMail {

  private CommittedMail() {}

  static Thread follow(Map<String, Long> committedByMessageId) {
    return Thread.ofPlatform().daemon().start(() -> read(committedByMessageId));
  }

  private static void read(Map<String, Long> committed) {
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
        ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.MESSAGES));
      var codec = new EventCodec("/emailsync/benchmark");
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null && codec.decode(record) instanceof EmailEvent mail) {
            committed.putIfAbsent(mail.message().messageId(), record.timestamp());
          }
        }
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      // Interrupted: the benchmark has what it needs.
    }
  }
}
