package com.emailsync.syncworker.sync.messaging;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same contract on Apache Kafka's own container image, as deployed. Needs a Docker engine: where none runs (as on
 * the build machine), JUnit reports it skipped with "disabledWithoutDocker"; the embedded-broker twin covers the
 * behaviour there.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealKafkaSyncOutputIT implements SyncOutputOnKafkaContract {

  @Container static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

  @Override
  public String bootstrapServers() {
    return KAFKA.getBootstrapServers();
  }
}
