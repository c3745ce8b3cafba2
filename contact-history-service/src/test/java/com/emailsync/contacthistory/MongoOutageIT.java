package com.emailsync.contacthistory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.ContactChanged;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.DomainEvent;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailReceived;
import com.emailsync.events.EventCodec;
import com.emailsync.events.MailMessage;
import com.emailsync.events.MailboxLocation;
import com.emailsync.events.Topics;
import com.emailsync.testsupport.EmbeddedMongo;
import com.emailsync.testsupport.LoopbackOutage;
import com.emailsync.testsupport.TopicReader;
import com.mongodb.client.MongoClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MongoDB going away for a while: the mail that arrives meanwhile waits and is logged once it is back, each entry
 * once, and none of it is dead-lettered. The service reaches MongoDB through a relay the test cuts and restores.
 */
@SpringBootTest(properties = {"spring.config.name=contact-history-service", "emailsync.kafka.outage-max-retry=1s"})
@EmbeddedKafka(partitions = 1, brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class MongoOutageIT {

  private static final EmbeddedMongo MONGO = EmbeddedMongo.start();
  private static final LoopbackOutage OUTAGE = LoopbackOutage.inFrontOf(MONGO.port());

  @DynamicPropertySource
  static void mongoBehindTheRelay(DynamicPropertyRegistry registry) {
    // Short timeouts, so an operation during the outage fails in about a second instead of the driver's 30.
    registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + OUTAGE.port() + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=500&socketTimeoutMS=2000");
    registry.add("spring.kafka.bootstrap-servers", () -> "${spring.embedded.kafka.brokers}");
    registry.add("emailsync.auth.issuer", () -> com.emailsync.testsupport.TestIssuer.issuer().issuer());
    registry.add("emailsync.auth.jwks-uri", () -> com.emailsync.testsupport.TestIssuer.issuer().jwksUri());
    registry.add("management.server.port", () -> "0");
  }

  @AfterAll
  static void stop() {
    OUTAGE.close();
    MONGO.close();
  }

  @Autowired KafkaTemplate<String, byte[]> kafka;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  private final EventCodec codec = new EventCodec("/emailsync/test");
  private final String tenant = "tenant-" + UUID.randomUUID();

  @Test
  void mailThatArrivesWhileMongoDbIsAwayIsLoggedOnceItIsBackAndNothingIsDeadLettered() {
    publish(Topics.CONTACTS, new ContactChanged(UUID.randomUUID(), Instant.now(), tenant, "carla", "Carla", List.of("carla@customer.example")));
    try (var client = MongoClients.create(MONGO.uri())) {
      await().atMost(Duration.ofSeconds(30)).until(() ->
          client.getDatabase("emailsync-history").getCollection("contact_directory").countDocuments(new Document("_id", tenant + "/carla")) == 1);
    }

    OUTAGE.cut();
    for (int i = 1; i <= 3; i++) {
      publish(Topics.MESSAGES, mailFromCarla("outage-" + i + "@customer.example"));
    }
    try (var activity = new TopicReader(brokers, Topics.CONTACT_ACTIVITY)) {
      // Several failed attempts fit in this time (each fails within a second, the pauses stay at most a second).
      await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> activity.poll().isEmpty());

      OUTAGE.restore();

      var logged = activity.awaitEvents(ContactEmailLogged.class, list -> list.size() >= 3, Duration.ofSeconds(60));
      assertThat(logged).extracting(ContactEmailLogged::messageId)
          .containsExactlyInAnyOrder("outage-1@customer.example", "outage-2@customer.example", "outage-3@customer.example");
    }
    try (var deadLetters = new TopicReader(brokers, Topics.deadLetter(Topics.MESSAGES))) {
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> deadLetters.poll().isEmpty());
    }
  }

  private EmailReceived mailFromCarla(String messageId) {
    var mail = new MailMessage(messageId, "During the outage", Instant.now(), EmailAddress.of("carla@customer.example"), List.of(EmailAddress.of("sam@acme.example")), List.of(), List.of(), "text", null, false, List.of());
    return new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-1", tenant, "user-42", new MailboxLocation("INBOX", 1, 1), mail);
  }

  private void publish(String topic, DomainEvent event) {
    kafka.executeInTransaction(ops -> ops.send(codec.encode(topic, event)));
  }
}
