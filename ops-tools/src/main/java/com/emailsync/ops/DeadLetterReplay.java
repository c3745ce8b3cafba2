package com.emailsync.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the records of {@code <topic>-dlt} back to {@code <topic>}, once each: after the cause of their failure is
 * fixed (a bug, a contact the CRM re-keyed), the services process them as if they had just arrived, idempotently as
 * always. Each record goes back as it came (key, value, CloudEvents headers) without the {@code kafka_dlt-*} headers
 * that said why it failed; a record that fails again comes back to the dead-letter topic with its new reason.
 *
 * <p>Exactly once: the replayed records and the tool's position in the dead-letter topic commit in one Kafka
 * transaction, under the consumer group {@code emailsync-dlt-replay.<topic>}, so running it twice, or again after a
 * crash, replays nothing twice. It replays what is in the dead-letter topic when it starts, then stops. It refuses a
 * compacted topic, where an old state put back would overwrite a newer one.
 *
 * <p>{@code java -cp ... com.emailsync.ops.DeadLetterReplay <bootstrap-servers> <topic>}
 */
public final class DeadLetterReplay {

  private static final String DEAD_LETTER_HEADERS = "kafka_dlt-";
  /**
   * What the sync worker sets aside (emailsync.message.set-aside.v1) names a message it could not read, not an event
   * to process: putting it back would only fail again. A resync, or a re-read by its location, reads the message anew.
   */
  private static final String SET_ASIDE_TYPE = "emailsync.message.set-aside.v1";
  static final String NOT_REPLAYED = "(not replayed) a message the sync worker set aside: resync the connection to read it again";

  private final String bootstrapServers;
  private final String topic;

  public DeadLetterReplay(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: DeadLetterReplay <bootstrap-servers> <topic>   (replays <topic>-dlt into <topic>)");
      System.exit(2);
    }
    Map<String, Integer> replayed = new DeadLetterReplay(args[0], args[1]).replay();
    System.out.println("Replayed " + replayed.values().stream().mapToInt(Integer::intValue).sum() + " record(s) from " + args[1] + "-dlt into " + args[1] + ", by the reason they had failed:");
    replayed.forEach((reason, count) -> System.out.println("  " + count + "  " + reason));
  }

  /** @return how many records went back, by the reason they had been dead-lettered */
  public Map<String, Integer> replay() {
    String deadLetters = topic + "-dlt";
    Map<String, Integer> byReason = new TreeMap<>();
    refuseCompacted();
    try (var consumer = consumer(); var producer = producer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(deadLetters).stream().map(p -> new TopicPartition(deadLetters, p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      producer.initTransactions();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          continue;
        }
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          // Only what was there at the start: a record that fails again while this runs waits for the next replay.
          if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
            continue;
          }
          if (isSetAside(record)) {
            byReason.merge(NOT_REPLAYED, 1, Integer::sum);
          } else {
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), withoutDeadLetterHeaders(record)));
            byReason.merge(reason(record), 1, Integer::sum);
          }
          positions.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        producer.sendOffsetsToTransaction(positions, consumer.groupMetadata());
        producer.commitTransaction();
      }
    }
    return byReason;
  }

  /**
   * A compacted topic holds each key's latest state: putting an older, failed state back would overwrite a newer one.
   * Its dead letters are for a person to read, then to fix at the source.
   */
  private void refuseCompacted() {
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      var policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
      if (policy != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
        throw new IllegalArgumentException(topic + " is compacted: replaying old records into it would overwrite newer state");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("could not read the configuration of " + topic + ": " + e.getCause().getMessage(), e);
    }
  }

  private static RecordHeaders withoutDeadLetterHeaders(ConsumerRecord<byte[], byte[]> record) {
    var headers = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!header.key().startsWith(DEAD_LETTER_HEADERS)) {
        headers.add(header);
      }
    }
    return headers;
  }

  private static boolean isSetAside(ConsumerRecord<byte[], byte[]> record) {
    Header type = record.headers().lastHeader("ce_type");
    return type != null && SET_ASIDE_TYPE.equals(new String(type.value(), java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String reason(ConsumerRecord<byte[], byte[]> record) {
    Header message = record.headers().lastHeader("kafka_dlt-exception-message");
    return message == null ? "(no reason recorded)" : new String(message.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG, "emailsync-dlt-replay." + topic,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            // One replay at a time per topic: a second one started meanwhile fences the first.
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "emailsync-dlt-replay." + topic,
            ProducerConfig.ACKS_CONFIG, "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
