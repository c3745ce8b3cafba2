package com.emailsync.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.AutomationTriggered;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.EntriesErased;
import com.emailsync.events.EventCodec;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.Topics;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.StrangerCalls;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.ServiceIntegrationTest;
import com.emailsync.testsupport.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=automation-trigger-service"})
@ServiceIntegrationTest
class AutomationTriggerIT {

  @LocalServerPort int port;
  @Autowired KafkaTemplate<String, byte[]> kafka;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  private final String tenant = "tenant-" + UUID.randomUUID();
  private final EventCodec codec = new EventCodec("/emailsync/test");
  private JsonHttp http;
  private TopicReader triggers;

  @BeforeEach
  void setUp() {
    http = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-1"));
    triggers = new TopicReader(brokers, Topics.AUTOMATION_TRIGGERS);
  }

  @AfterEach
  void tearDown() {
    triggers.close();
  }

  @Test
  void everyEndpointRefusesACallWithoutATokenAndFindsNothingWithAnotherTenantsToken() {
    String id = http.post("/automations", Map.of("name", "Follow up", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true)).json().get("id").asString();
    StrangerCalls.assertRefused("http://localhost:" + port + "/api/v1/tenants/" + tenant, caller -> List.of(
        caller.get("/automations"),
        caller.post("/automations", Map.of("name", "Mine now", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true)),
        caller.get("/automations/" + id),
        caller.put("/automations/" + id, Map.of("name", "Renamed", "trigger", "CONTACT_SENDS_EMAIL", "enabled", false)),
        caller.get("/automations/" + id + "/firings"),
        caller.delete("/automations/" + id)));
    assertThat(http.get("/automations").json()).singleElement().satisfies(a -> {
      assertThat(a.get("id").asString()).isEqualTo(id);
      assertThat(a.get("name").asString()).isEqualTo("Follow up");
    });
  }

  @Test
  void firesEachEnabledAutomationOncePerContactAndMessageWhenTheContactWritesButNotOnCaughtUpOrBackfilledMail() {
    String followUp = create("Follow up", true);
    create("Paused scoring", false);

    publish(logged("m-1@customer.example", ContactEmailLogged.Role.FROM, EmailEvent.Direction.RECEIVED));
    publish(logged("m-1@customer.example", ContactEmailLogged.Role.FROM, EmailEvent.Direction.RECEIVED));
    publish(logged("m-2@customer.example", ContactEmailLogged.Role.TO, EmailEvent.Direction.SENT));
    publish(logged("m-3@customer.example", ContactEmailLogged.Role.CC, EmailEvent.Direction.RECEIVED));
    publish(caughtUp("m-5@customer.example", MailOrigin.CATCH_UP));
    publish(caughtUp("m-6@customer.example", MailOrigin.BACKFILL));
    publish(logged("m-4@customer.example", ContactEmailLogged.Role.FROM, EmailEvent.Direction.RECEIVED));

    List<AutomationTriggered> fired = triggers.awaitEvents(AutomationTriggered.class, list -> list.stream().anyMatch(t -> t.messageId().equals("m-4@customer.example")), Duration.ofSeconds(30))
        .stream().filter(t -> t.tenantId().equals(tenant)).toList();
    assertThat(fired).extracting(AutomationTriggered::automationId, AutomationTriggered::messageId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(followUp, "m-1@customer.example"), org.assertj.core.groups.Tuple.tuple(followUp, "m-4@customer.example"));
    var firings = http.get("/automations/" + followUp + "/firings").json();
    assertThat(firings).hasSize(2);
  }

  @Test
  void forgetsWhatAFiringSaidWhenItsEntryIsErasedAndStillNeverFiresTwice() {
    String followUp = create("Follow up", true);
    ContactEmailLogged first = logged("m-erase@customer.example", ContactEmailLogged.Role.FROM, EmailEvent.Direction.RECEIVED);
    publish(first);
    triggers.awaitEvents(AutomationTriggered.class, list -> list.stream().anyMatch(t -> t.messageId().equals("m-erase@customer.example")), Duration.ofSeconds(30));

    kafka.executeInTransaction(ops -> ops.send(codec.encode(Topics.CONTACT_ACTIVITY,
        new EntriesErased(UUID.randomUUID(), Instant.now(), tenant, "contact-carla", List.of(first.entryId()), EntriesErased.Reason.CONTACT_ERASURE))));
    // The same mail again, as a re-sync would send it (another event): the redacted firing still knows it.
    publish(logged("m-erase@customer.example", ContactEmailLogged.Role.FROM, EmailEvent.Direction.RECEIVED));
    publish(logged("m-after-erase@customer.example", ContactEmailLogged.Role.FROM, EmailEvent.Direction.RECEIVED));

    var fired = triggers.awaitEvents(AutomationTriggered.class, list -> list.stream().anyMatch(t -> t.messageId().equals("m-after-erase@customer.example")), Duration.ofSeconds(30));
    assertThat(fired.stream().filter(t -> t.tenantId().equals(tenant))).extracting(AutomationTriggered::messageId)
        .containsExactly("m-erase@customer.example", "m-after-erase@customer.example");
    var firings = http.get("/automations/" + followUp + "/firings").json();
    assertThat(firings).hasSize(2);
    var erased = java.util.stream.StreamSupport.stream(firings.spliterator(), false).filter(f -> f.get("entryId").asString().equals(first.entryId())).findFirst().orElseThrow();
    assertThat(erased.get("subject").isNull()).isTrue();
    assertThat(erased.get("messageId").isNull()).isTrue();
  }

  @Test
  void managesAutomationsAndAnswersProblemsForBadRequests() {
    String id = create("Follow up", true);

    var updated = http.put("/automations/" + id, Map.of("name", "Follow up fast", "trigger", "CONTACT_SENDS_EMAIL", "enabled", false));
    assertThat(updated.json().get("enabled").asBoolean()).isFalse();
    assertThat(http.get("/automations").json()).hasSize(1);

    var invalid = http.post("/automations", Map.of("name", "", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("name");

    assertThat(http.delete("/automations/" + id).status()).isEqualTo(204);
    var gone = http.get("/automations/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.contentType()).startsWith("application/problem+json");
  }

  private String create(String name, boolean enabled) {
    var created = http.post("/automations", Map.of("name", name, "trigger", "CONTACT_SENDS_EMAIL", "enabled", enabled));
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private ContactEmailLogged logged(String messageId, ContactEmailLogged.Role role, EmailEvent.Direction direction) {
    return new ContactEmailLogged(UUID.randomUUID(), Instant.now(), "entry-" + messageId, tenant, "contact-carla", "conn-1", direction, role, messageId, "Hello",
        EmailAddress.of("carla@customer.example"), Instant.now(), UUID.randomUUID());
  }

  /** The contact's mail from before it was a contact, or from before the connection was made: history, not news. */
  private ContactEmailLogged caughtUp(String messageId, MailOrigin origin) {
    return new ContactEmailLogged(UUID.randomUUID(), Instant.now(), "entry-" + messageId, tenant, "contact-carla", "conn-1", EmailEvent.Direction.RECEIVED,
        ContactEmailLogged.Role.FROM, messageId, "Old news", EmailAddress.of("carla@customer.example"), Instant.now(), UUID.randomUUID(), origin);
  }

  private void publish(ContactEmailLogged event) {
    kafka.executeInTransaction(ops -> ops.send(codec.encode(Topics.CONTACT_ACTIVITY, event)));
  }
}
