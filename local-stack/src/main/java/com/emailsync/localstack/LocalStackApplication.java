package com.emailsync.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One command, the whole system: a real Kafka broker (KRaft) and a MongoDB wire-protocol store persisted under
 * {@code ./data} unless {@code KAFKA_BOOTSTRAP_SERVERS} / {@code MONGODB_URI} point elsewhere, then the four services.
 */
public final class LocalStackApplication {

  private static final Path DATA = Path.of("data");

  private LocalStackApplication() {}

  public static void main(String[] args) throws Exception {
    Files.createDirectories(DATA);
    String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    EmbeddedKafkaKraftBroker broker = null;
    if (kafka == null || kafka.isBlank()) {
      broker = embeddedKafka();
      kafka = broker.getBrokersAsString();
    }
    String mongoUri = System.getenv("MONGODB_URI");
    MongoServer mongo = null;
    if (mongoUri == null || mongoUri.isBlank()) {
      mongo = new MongoServer(new H2Backend(DATA.resolve("mongo.mv.db").toString()));
      mongo.bind("127.0.0.1", 27017);
      mongoUri = "mongodb://127.0.0.1:27017";
    }
    Properties keys = localKeys();
    var stack =
        LocalStack.start(
            new LocalStack.Settings(
                kafka, mongoUri, keys.getProperty("at-rest-key"), keys.getProperty("transport-key"), LocalStack.Ports.DEFAULT, Map.of()));
    System.out.printf(
        """

        Email Sync is running.
          Kafka                      %s
          MongoDB                    %s
          connection-service         %s/api/v1/tenants/{tenantId}/connections
          sync-worker                %s/actuator/health
          contact-history-service    %s/api/v1/tenants/{tenantId}/contacts/{contactId}/history
          automation-trigger-service %s/api/v1/tenants/{tenantId}/automations
        Stop with Ctrl+C.
        %n""",
        kafka, mongoUri, stack.connectionServiceUrl(), stack.syncWorkerUrl(), stack.contactHistoryUrl(), stack.automationTriggerUrl());
    var stopped = new CountDownLatch(1);
    final EmbeddedKafkaKraftBroker startedBroker = broker;
    final MongoServer startedMongo = mongo;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  if (startedBroker != null) {
                    startedBroker.destroy();
                  }
                  if (startedMongo != null) {
                    startedMongo.shutdown();
                  }
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static EmbeddedKafkaKraftBroker embeddedKafka() {
    var broker = new EmbeddedKafkaKraftBroker(1, 3);
    broker.kafkaPorts(9092);
    broker.brokerProperties(
        Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "offsets.topic.replication.factor", "1"));
    broker.afterPropertiesSet();
    return broker;
  }

  /**
   * Keys for this machine only, made once and kept under ./data, so stored passwords stay readable across restarts. In
   * production both keys come from a Kubernetes secret.
   */
  private static Properties localKeys() throws IOException {
    Path file = DATA.resolve("local-keys.properties");
    var keys = new Properties();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        keys.load(in);
      }
      return keys;
    }
    keys.setProperty("at-rest-key", randomKey());
    keys.setProperty("transport-key", randomKey());
    try (Writer out = Files.newBufferedWriter(file)) {
      keys.store(out, "Local development keys; never use outside this machine");
    }
    return keys;
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
