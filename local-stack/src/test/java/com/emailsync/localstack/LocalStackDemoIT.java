package com.emailsync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.ContactChanged;
import com.emailsync.events.Topics;
import com.emailsync.localstack.demo.Demo;
import com.emailsync.testsupport.FreePorts;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The run command's own start-up path: embedded Kafka and MongoDB under a data directory, the demo, the contact import. */
class LocalStackDemoIT {

  private static final Map<String, String> FAST_SYNC = Map.of("emailsync.sync.poll-interval", "1s", "emailsync.sync.tick", "100ms");

  @TempDir Path data;

  @Test
  void theDemoFillsContactHistoryAndFiresTheTriggerAndEverythingSurvivesARestart() {
    var options = options(new Demo.Settings(FreePorts.next(), Duration.ofMillis(500)));
    List<String> adaBeforeRestart;
    String automationId;
    try (var system = LocalSystem.start(options)) {
      var history = new JsonHttp(system.stack().contactHistoryUrl() + "/api/v1/tenants/" + Demo.TENANT).withToken(system.devToken(Demo.TENANT));
      var automations = new JsonHttp(system.stack().automationTriggerUrl() + "/api/v1/tenants/" + Demo.TENANT).withToken(system.devToken(Demo.TENANT));
      automationId = system.demo().automationId();

      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
        assertThat(directions(history, "demo-ada")).contains("RECEIVED");
        assertThat(directions(history, "demo-alan")).contains("SENT");
        assertThat(firings(automations, automationId)).isNotEmpty();
      });
      // Replies the account sent are history, never a "contact sends you an email" trigger.
      List<String> sentByTheAccount = entries(history, "demo-alan").stream().filter(e -> e.get("direction").asString().equals("SENT")).map(e -> e.get("messageId").asString()).toList();
      assertThat(firings(automations, automationId)).doesNotContainAnyElementsOf(sentByTheAccount);
      adaBeforeRestart = messageIds(history, "demo-ada");
    }

    try (var system = LocalSystem.start(options)) {
      var history = new JsonHttp(system.stack().contactHistoryUrl() + "/api/v1/tenants/" + Demo.TENANT).withToken(system.devToken(Demo.TENANT));
      assertThat(messageIds(history, "demo-ada")).as("history kept in ./data").containsAll(adaBeforeRestart);
      assertThat(system.demo().automationId()).as("the demo automation is found again, not duplicated").isEqualTo(automationId);
      await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
          assertThat(messageIds(history, "demo-ada")).as("new demo mail syncs after the restart").hasSizeGreaterThan(adaBeforeRestart.size()));
    }
  }

  @Test
  void theContactImportRejectsAFileWithBadRowsWholeAndSaysWhereTheyAre() {
    try (var system = LocalSystem.start(options(null))) {
      var contactImport = new JsonHttp(system.stack().contactImportUrl() + "/api/v1/local/tenants/acme/contacts").withToken(system.devToken("acme"));

      var rejected = contactImport.post("", "text/csv", "contactId,name,emails\nc-1,Carla,carla@customer.example\nc-2,Dave,not-an-address\n");

      assertThat(rejected.status()).isEqualTo(400);
      assertThat(rejected.contentType()).startsWith("application/problem+json");
      assertThat(rejected.json().get("errors").get(0).get("at").asString()).isEqualTo("line 3");
      assertThat(rejected.json().get("errors").get(0).get("message").asString()).contains("not-an-address");

      var accepted = contactImport.post("", "application/json", """
          {"contacts":[{"contactId":"c-1","name":"Carla, imported later","emails":["carla@customer.example"]}]}""");
      assertThat(accepted.status()).isEqualTo(202);
      // Same key, same partition: had the rejected file published c-1, that record would come first.
      try (var contacts = new TopicReader(system.kafkaBootstrapServers(), Topics.CONTACTS)) {
        List<ContactChanged> published = contacts.awaitEvents(ContactChanged.class, list -> !list.isEmpty(), Duration.ofSeconds(30));
        assertThat(published).extracting(ContactChanged::name).containsExactly("Carla, imported later");
      }
    }
  }

  private LocalStackOptions options(Demo.Settings demo) {
    return new LocalStackOptions(data, null, null, FreePorts.next(), FreePorts.next(), 0, LocalStack.Ports.ANY, demo, FAST_SYNC);
  }

  private static List<JsonNode> entries(JsonHttp history, String contactId) {
    List<JsonNode> entries = new ArrayList<>();
    history.get("/contacts/" + contactId + "/history?limit=100").json().get("entries").forEach(entries::add);
    return entries;
  }

  private static List<String> messageIds(JsonHttp history, String contactId) {
    return entries(history, contactId).stream().map(e -> e.get("messageId").asString()).toList();
  }

  private static List<String> directions(JsonHttp history, String contactId) {
    return entries(history, contactId).stream().map(e -> e.get("direction").asString()).toList();
  }

  private static List<String> firings(JsonHttp automations, String automationId) {
    List<String> messageIds = new ArrayList<>();
    automations.get("/automations/" + automationId + "/firings").json().get("firings").forEach(f -> messageIds.add(f.get("messageId").asString()));
    return messageIds;
  }
}
