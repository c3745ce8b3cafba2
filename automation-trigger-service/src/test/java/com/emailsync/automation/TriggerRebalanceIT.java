package com.emailsync.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.AutomationTriggered;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.Topics;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.ServiceIntegrationTest;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.TestKeys;
import com.emailsync.testsupport.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Two instances of the trigger service share the activity: a second one joins while the first is firing (the
 * partitions move mid-stream), then the first stops, leaving everything to the second. No firing is lost or doubled:
 * each is committed exactly once on the trigger topic, whichever instance made it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=automation-trigger-service", "emailsync.secrets.at-rest-key=" + TestKeys.AT_REST})
@ServiceIntegrationTest
class TriggerRebalanceIT {

  @LocalServerPort int port;
  @Autowired KafkaTemplate<String, byte[]> kafka;
  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired Environment environment;

  // This context's own broker: the system property the embedded broker sets names whichever context started last, and
  // contexts are cached across test classes.
  @Autowired org.springframework.kafka.test.EmbeddedKafkaBroker embeddedKafka;
  String brokers;

  private final EventCodec codec = new EventCodec("/emailsync/test");
  private final String tenant = "tenant-" + UUID.randomUUID();

  @Test
  void aSecondInstanceJoiningAndTheFirstLeavingMidStreamLoseAndDoubleNoFiring() throws Exception {
    brokers = embeddedKafka.getBrokersAsString();
    var http = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-1"));
    assertThat(http.post("/automations", Map.of("name", "Follow up", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true)).status()).isEqualTo(201);
    try (var triggers = new TopicReader(brokers, Topics.AUTOMATION_TRIGGERS)) {
      publish(0, 150);
      // A second instance, on the same store and broker, with producers of its own (its own transactional ids).
      try (var second = AutomationTriggerApplication.application().run(
          "--server.port=0",
          "--management.server.port=0",
          "--spring.kafka.bootstrap-servers=" + brokers,
          "--spring.mongodb.uri=" + environment.getProperty("spring.mongodb.uri"),
          "--spring.kafka.producer.transaction-id-prefix=automation-trigger-second-",
          "--emailsync.auth.issuer=" + TestIssuer.issuer().issuer(),
          "--emailsync.auth.jwks-uri=" + TestIssuer.issuer().jwksUri(),
          "--emailsync.secrets.at-rest-key=" + TestKeys.AT_REST)) {
        // Both share the partitions before the next mail: the second took some from the first while it was firing.
        var secondContainer = second.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
            .filter(c -> "automation-trigger-service".equals(c.getGroupId())).findFirst().orElseThrow();
        var firstContainer = listeners.getListenerContainers().stream()
            .filter(c -> "automation-trigger-service".equals(c.getGroupId())).findFirst().orElseThrow();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
            secondContainer.getAssignedPartitions() != null && !secondContainer.getAssignedPartitions().isEmpty()
                && firstContainer.getAssignedPartitions() != null && !firstContainer.getAssignedPartitions().isEmpty());
        publish(150, 300);
        // The first stops: its partitions go to the second, whatever it was in the middle of.
        listeners.getListenerContainers().stream().filter(c -> "automation-trigger-service".equals(c.getGroupId())).forEach(c -> c.stop());
        publish(300, 360);

        var fired = triggers.awaitEvents(AutomationTriggered.class,
            list -> list.stream().filter(t -> t.tenantId().equals(tenant)).map(AutomationTriggered::firingId).distinct().count() == 360,
            Duration.ofSeconds(90));
        triggers.readToEnd(Duration.ofSeconds(30));
        Map<String, Long> perFiring = triggers.events(AutomationTriggered.class).stream().filter(t -> t.tenantId().equals(tenant))
            .collect(Collectors.groupingBy(AutomationTriggered::firingId, Collectors.counting()));
        assertThat(fired).isNotEmpty();
        assertThat(perFiring).as("every mail fired once").hasSize(360);
        assertThat(perFiring.values()).as("no firing committed twice").containsOnly(1L);
      } finally {
        listeners.getListenerContainers().forEach(c -> c.start());
      }
    }
  }

  /** Mail {@code from} to {@code to} (exclusive), from 30 contacts, whose keys spread over the topic's partitions. */
  private void publish(int from, int to) {
    kafka.executeInTransaction(ops -> {
      for (int i = from; i < to; i++) {
        String contact = "contact-" + (i % 30);
        ops.send(codec.encode(Topics.CONTACT_ACTIVITY, new ContactEmailLogged(UUID.randomUUID(), Instant.now(), "entry-" + i, tenant, contact, "conn-1",
            EmailEvent.Direction.RECEIVED, ContactEmailLogged.Role.FROM, "m-" + i + "@customer.example", "Mail " + i,
            EmailAddress.of(contact + "@customer.example"), Instant.now(), UUID.randomUUID(), MailOrigin.LIVE)));
      }
      return null;
    });
  }
}
