package com.emailsync.syncworker.sync.messaging;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The contract on a real Kafka broker (KRaft) in this JVM: runs on every build. */
class EmbeddedKafkaSyncOutputTest implements SyncOutputOnKafkaContract {

  private static EmbeddedKafkaKraftBroker broker;

  @BeforeAll
  static void start() {
    broker = new EmbeddedKafkaKraftBroker(1, 1);
    broker.brokerProperties(Map.of("transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
    broker.afterPropertiesSet();
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.destroy();
    }
  }

  @Override
  public String bootstrapServers() {
    return broker.getBrokersAsString();
  }
}
