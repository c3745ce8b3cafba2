package com.emailsync.events.kafka;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The Kafka client settings {@link com.emailsync.events.EventCodec} needs in every service (string keys, byte-array
 * CloudEvents values, committed records only, all replicas acknowledging), as defaults each service's own
 * configuration can still override; and every record listener's trace. Only the transactional id prefix stays per
 * service.
 */
public class EventWireDefaults implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE_NAME = "emailsyncEventWireDefaults";

  static final Map<String, Object> DEFAULTS =
      Map.of(
          "spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}",
          "spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer",
          "spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
          "spring.kafka.producer.acks", "all",
          "spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
          "spring.kafka.consumer.value-deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
          "spring.kafka.consumer.auto-offset-reset", "earliest",
          // Mail, cursors and history entries are published in transactions: never read what was rolled back.
          "spring.kafka.consumer.isolation-level", "read-committed",
          // A listener of single records continues the trace its record carries (traceparent), so what it publishes
          // carries it on; batch listeners do so per record with TracedBatch.
          "spring.kafka.listener.observation-enabled", "true");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, DEFAULTS));
  }

  /** After the yml files are loaded, so that adding last puts these defaults behind them. */
  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }
}
