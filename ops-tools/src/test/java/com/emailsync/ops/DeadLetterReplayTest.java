package com.emailsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The replay on a real Kafka broker (KRaft, in this JVM). */
class DeadLetterReplayTest {

  private static final String TOPIC = "emailsync.messages.v1";
  private static EmbeddedKafkaBroker kafka;

  @BeforeAll
  static void start() {
    kafka = new EmbeddedKafkaKraftBroker(1, 2, TOPIC, TOPIC + "-dlt")
        .brokerProperties(Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
    kafka.afterPropertiesSet();
  }

  @AfterAll
  static void stop() {
    kafka.destroy();
  }

  @Test
  void sendsEachDeadLetterBackOnceWithItsEventHeadersAndWithoutItsFailureHeaders() {
    deadLetter("conn-1", "mail 1", "MongoDB refused the entry");
    deadLetter("conn-2", "mail 2", "MongoDB refused the entry");
    deadLetter("conn-3", "mail 3", "not a CloudEvent in binary mode");
    setAside("conn-4", "{\"reason\":\"it could not be read\"}");

    var first = new DeadLetterReplay(kafka.getBrokersAsString(), TOPIC).replay();
    var second = new DeadLetterReplay(kafka.getBrokersAsString(), TOPIC).replay();

    assertThat(first).containsEntry("MongoDB refused the entry", 2).containsEntry("not a CloudEvent in binary mode", 1)
        .containsEntry(DeadLetterReplay.NOT_REPLAYED, 1);
    assertThat(second).as("already replayed").isEmpty();
    List<ConsumerRecord<byte[], byte[]>> replayed = readAll(TOPIC, 3);
    assertThat(replayed).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactlyInAnyOrder("mail 1", "mail 2", "mail 3");
    assertThat(replayed).allSatisfy(r -> {
      assertThat(r.headers().lastHeader("ce_type")).isNotNull();
      assertThat(r.headers().lastHeader("kafka_dlt-exception-message")).isNull();
    });
  }

  @Test
  void refusesACompactedTopicWhereOldStateWouldOverwriteNew() throws Exception {
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("crm.contacts.v1", 1, (short) 1)
          .configs(Map.of("cleanup.policy", "compact")))).all().get();
    }

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeadLetterReplay(kafka.getBrokersAsString(), "crm.contacts.v1").replay())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("compacted");
  }

  /** What the sync worker publishes for a message it could not read: an event of its own, no failure headers. */
  private static void setAside(String key, String value) {
    var headers = new RecordHeaders();
    headers.add("ce_type", "emailsync.message.set-aside.v1".getBytes(StandardCharsets.UTF_8));
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.getBrokersAsString()), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(TOPIC + "-dlt", null, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), headers));
    }
  }

  private static void deadLetter(String key, String value, String reason) {
    var headers = new RecordHeaders();
    headers.add("ce_type", "emailsync.email.received.v1".getBytes(StandardCharsets.UTF_8));
    headers.add("kafka_dlt-exception-message", reason.getBytes(StandardCharsets.UTF_8));
    headers.add("kafka_dlt-original-topic", TOPIC.getBytes(StandardCharsets.UTF_8));
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.getBrokersAsString()), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(TOPIC + "-dlt", null, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), headers));
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
    try (var consumer = new KafkaConsumer<>(
        Map.<String, Object>of("bootstrap.servers", kafka.getBrokersAsString(), "group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= atLeast;
      });
      // Anything beyond what was expected would be a replay done twice.
      for (int i = 0; i < 5; i++) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
