package com.emailsync.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.testsupport.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaBrokerTest {

  @TempDir Path data;

  @Test
  void keepsCommittedRecordsAcrossARestartOnTheSameDirectory() throws Exception {
    int port = FreePorts.next();
    int controllerPort = FreePorts.next();
    try (var broker = LocalKafkaBroker.start(data, port, controllerPort)) {
      try (var producer = new KafkaProducer<>(producerConfig(broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("kept", "k", "before restart"));
        producer.commitTransaction();
      }
    }

    try (var broker = LocalKafkaBroker.start(data, port, controllerPort)) {
      assertThat(readAll(broker.bootstrapServers(), "kept")).containsExactly("before restart");
    }
  }

  private static Map<String, Object> producerConfig(String bootstrapServers) {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-kafka-test");
  }

  private static List<String> readAll(String bootstrapServers, String topic) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "local-kafka-test",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
      }
    }
    return values;
  }
}
