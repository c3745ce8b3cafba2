package com.emailsync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.Topics;
import com.emailsync.testsupport.DovecotServer;
import com.emailsync.localstack.kafka.LocalKafkaBroker;
import com.emailsync.testsupport.EmbeddedMongo;
import com.emailsync.testsupport.FreePorts;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.TestKeys;
import com.emailsync.testsupport.TopicReader;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline on real parts: a Dovecot IMAP server on loopback, a Kafka broker, a MongoDB wire-protocol server
 * and the four services, driven only through their REST APIs and topics, as the CRM would.
 */
class EndToEndDovecotIT {

  private static final String TENANT = "acme";
  private static final String USER = "sam@acme.example";
  private static final String PASSWORD = "app-password-e2e";

  private static DovecotServer dovecot;
  @TempDir static Path kafkaData;
  private static LocalKafkaBroker kafka;
  private static EmbeddedMongo mongo;
  private static LocalStack stack;

  @BeforeAll
  static void start() {
    dovecot = DovecotServer.start("http://127.0.0.1:1/introspect");
    dovecot.addUser(USER, PASSWORD);
    kafka = LocalKafkaBroker.start(kafkaData, FreePorts.next(), FreePorts.next());
    mongo = EmbeddedMongo.start();
    stack =
        LocalStack.start(
            new LocalStack.Settings(
                kafka.bootstrapServers(),
                mongo.uri(),
                TestKeys.AT_REST,
                TestKeys.TRANSPORT,
                LocalStack.Ports.ANY,
                LocalStack.Auth.of(TestIssuer.issuer()),
                Map.of("emailsync.sync.poll-interval", "1s", "emailsync.sync.tick", "100ms")));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable part : new AutoCloseable[] {stack, mongo, kafka, dovecot}) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception ignored) {
        // Stopping one part must not keep the others running.
      }
    }
  }

  @Test
  void syncsContactMailIntoHistoryFiresTheTriggerOnceAndSurvivesAWorkerRestartWithoutDuplicates() {
    var connections = new JsonHttp(stack.connectionServiceUrl() + "/api/v1/tenants/" + TENANT).withToken(TestIssuer.token(TENANT, "user-sam"));
    var history = new JsonHttp(stack.contactHistoryUrl() + "/api/v1/tenants/" + TENANT).withToken(TestIssuer.token(TENANT, "user-sam"));
    var automations = new JsonHttp(stack.automationTriggerUrl() + "/api/v1/tenants/" + TENANT).withToken(TestIssuer.token(TENANT, "user-sam"));

    // The CRM's contacts, through the local import that publishes them as the CRM's contact service would.
    importContacts(
        """
        contactId,name,emails
        contact-carla,Carla Customer,carla@customer.example
        contact-dave,"Customer, Dave",dave@customer.example; d.customer@customer.example
        """);
    awaitContactsLoaded(2);

    String automationId = automations.post("/automations", Map.of("name", "Follow up", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true)).json().get("id").asString();
    // Body filters read the mail's text from contact-history's internal API, with the trigger service's own token.
    String greetings = automations.post("/automations", Map.of("name", "Greetings", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "filters", Map.of("body", Map.of("contains", "hello")))).json().get("id").asString();
    String unicorns = automations.post("/automations", Map.of("name", "Unicorns", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "filters", Map.of("body", Map.of("matches", "(?i)unicorn")))).json().get("id").asString();

    var connected =
        connections.post(
            "/connections",
            Map.of(
                "ownerUserId", "user-sam",
                "emailAddress", USER,
                "imap", Map.of("host", dovecot.host(), "port", dovecot.port(), "security", "NONE", "username", USER, "password", PASSWORD)));
    assertThat(connected.status()).isEqualTo(201);
    String connectionId = connected.json().get("id").asString();
    assertThat(selectedFolders(connected.json())).containsExactlyInAnyOrder("INBOX", "Sent");

    dovecot.append(USER, PASSWORD, "INBOX", mail("e2e-1@customer.example", "Carla <carla@customer.example>", USER, "", "Quote for 40 seats"));
    dovecot.append(USER, PASSWORD, "INBOX", mail("e2e-2@spam.example", "offers@spam.example", USER, "", "You won"));
    dovecot.append(USER, PASSWORD, "Sent", mail("e2e-3@acme.example", USER, "carla@customer.example", "", "Your quote"));
    dovecot.append(USER, PASSWORD, "INBOX", mail("e2e-4@partner.example", "pat@partner.example", USER, "dave@customer.example", "Intro to Dave"));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(messageIds(history, "contact-carla")).containsExactlyInAnyOrder("e2e-1@customer.example", "e2e-3@acme.example");
      assertThat(messageIds(history, "contact-dave")).containsExactly("e2e-4@partner.example");
    });
    var carla = history.get("/contacts/contact-carla/history").json().get("entries");
    assertThat(carla.get(0).get("direction").asString() + carla.get(1).get("direction").asString()).contains("RECEIVED").contains("SENT");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(automations.get("/automations/" + automationId + "/firings").json().get("firings")).extracting(f -> f.get("messageId").asString()).containsExactly("e2e-1@customer.example"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(automations.get("/automations/" + greetings + "/firings").json().get("firings")).extracting(f -> f.get("messageId").asString())
            .as("its body says hello").containsExactly("e2e-1@customer.example"));
    assertThat(automations.get("/automations/" + unicorns + "/firings").json().get("firings")).as("no body mentions unicorns").isEmpty();
    assertOneTraceFromTheMailToItsFiring("e2e-1@customer.example", "contact-carla", automationId);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(connections.get("/connections/" + connectionId).json().get("lastSyncStatus").asString()).isEqualTo("OK"));

    stack.restartSyncWorker();
    dovecot.append(USER, PASSWORD, "INBOX", mail("e2e-5@customer.example", "carla@customer.example", USER, "", "One more question"));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(messageIds(history, "contact-carla")).containsExactlyInAnyOrder("e2e-1@customer.example", "e2e-3@acme.example", "e2e-5@customer.example"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(automations.get("/automations/" + automationId + "/firings").json().get("firings")).hasSize(2));
    try (var messages = new TopicReader(kafka.bootstrapServers(), Topics.MESSAGES)) {
      List<EmailEvent> events = messages.awaitEvents(EmailEvent.class, list -> list.size() >= 5, Duration.ofSeconds(30));
      Map<String, Long> perMessage = events.stream().collect(Collectors.groupingBy(e -> e.message().messageId(), Collectors.counting()));
      assertThat(perMessage).as("each mail published exactly once, across the worker restart").containsOnlyKeys(
          "e2e-1@customer.example", "e2e-2@spam.example", "e2e-3@acme.example", "e2e-4@partner.example", "e2e-5@customer.example");
      assertThat(perMessage.values()).containsOnly(1L);
    }
    assertThat(messageIds(history, "contact-carla")).hasSize(3);
  }

  @Test
  void aContactAddedAfterItsMailGetsThatMailInItsHistoryReadAgainFromTheMailboxWithoutFiringTheTrigger() {
    String tenant = "late-co";
    String user = "lee@late.example";
    dovecot.addUser(user, PASSWORD);
    var history = new JsonHttp(stack.contactHistoryUrl() + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-lee"));
    var automations = new JsonHttp(stack.automationTriggerUrl() + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-lee"));
    String automationId = automations.post("/automations", Map.of("name", "Follow up", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true)).json().get("id").asString();
    var connected = new JsonHttp(stack.connectionServiceUrl() + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-lee")).post(
        "/connections",
        Map.of("ownerUserId", "user-lee", "emailAddress", user,
            "imap", Map.of("host", dovecot.host(), "port", dovecot.port(), "security", "NONE", "username", user, "password", PASSWORD)));
    assertThat(connected.status()).isEqualTo(201);

    // Erin writes before the CRM knows her; her mail is synced and indexed, and logged for nobody.
    dovecot.append(user, PASSWORD, "INBOX", mail("late-1@erin.example", "Erin <erin@erin.example>", user, "", "First contact"));
    try (var client = MongoClients.create(mongo.uri())) {
      await().atMost(Duration.ofSeconds(60)).until(() ->
          client.getDatabase("emailsync-history").getCollection("mail_index").countDocuments(new org.bson.Document("messageId", "late-1@erin.example")) == 1);
    }
    assertThat(messageIds(history, "contact-erin")).isEmpty();

    var imported = new JsonHttp(stack.contactImportUrl()).withToken(TestIssuer.token(tenant, "crm")).post("/api/v1/local/tenants/" + tenant + "/contacts", "text/csv", "contactId,name,emails\ncontact-erin,Erin,erin@erin.example\n");
    assertThat(imported.status()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(messageIds(history, "contact-erin")).containsExactly("late-1@erin.example"));
    try (var messages = new TopicReader(kafka.bootstrapServers(), Topics.MESSAGES)) {
      var caughtUp = messages.awaitEvents(EmailEvent.class, list -> list.stream().anyMatch(e -> e.origin() == MailOrigin.CATCH_UP && e.message().messageId().equals("late-1@erin.example")), Duration.ofSeconds(30));
      assertThat(caughtUp.stream().filter(e -> e.message().messageId().equals("late-1@erin.example")))
          .extracting(EmailEvent::origin).containsExactly(MailOrigin.LIVE, MailOrigin.CATCH_UP);
    }

    // Her next mail is news: it fires, and it is the only firing.
    dovecot.append(user, PASSWORD, "INBOX", mail("late-2@erin.example", "erin@erin.example", user, "", "Following up"));
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(automations.get("/automations/" + automationId + "/firings").json().get("firings")).extracting(f -> f.get("messageId").asString()).containsExactly("late-2@erin.example"));
    assertThat(messageIds(history, "contact-erin")).containsExactlyInAnyOrder("late-1@erin.example", "late-2@erin.example");
  }

  private static List<String> messageIds(JsonHttp history, String contactId) {
    List<String> ids = new ArrayList<>();
    history.get("/contacts/" + contactId + "/history?limit=100").json().get("entries").forEach(e -> ids.add(e.get("messageId").asString()));
    return ids;
  }

  private static List<String> selectedFolders(JsonNode connection) {
    List<String> selected = new ArrayList<>();
    connection.get("folders").forEach(f -> {
      if (f.get("selected").asBoolean()) {
        selected.add(f.get("name").asString());
      }
    });
    return selected;
  }

  /**
   * The trace begun by the pass that read the mail runs on through its history entry to the firing: each hop's record
   * carries it (W3C {@code traceparent}), each under a span of its own service.
   */
  private static void assertOneTraceFromTheMailToItsFiring(String messageId, String contactId, String automationId) {
    var codec = new com.emailsync.events.EventCodec("/emailsync/test");
    try (var hops = new TopicReader(kafka.bootstrapServers(), Topics.MESSAGES, Topics.CONTACT_ACTIVITY, Topics.AUTOMATION_TRIGGERS)) {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        Map<String, String> traceparents = new java.util.HashMap<>();
        for (var record : hops.poll()) {
          if (record.value() == null || record.headers().lastHeader("traceparent") == null) {
            continue;
          }
          String traceparent = new String(record.headers().lastHeader("traceparent").value(), java.nio.charset.StandardCharsets.UTF_8);
          switch (codec.decode(record)) {
            case com.emailsync.events.EmailReceived mail when mail.message().messageId().equals(messageId) -> traceparents.put("mail", traceparent);
            case com.emailsync.events.ContactEmailLogged entry when entry.messageId().equals(messageId) && entry.contactId().equals(contactId) ->
                traceparents.put("entry", traceparent);
            case com.emailsync.events.AutomationTriggered firing when firing.messageId().equals(messageId) && firing.automationId().equals(automationId) ->
                traceparents.put("firing", traceparent);
            case null, default -> {}
          }
        }
        assertThat(traceparents).containsOnlyKeys("mail", "entry", "firing");
        assertThat(traceparents.values().stream().map(traceparent -> traceparent.split("-")[1]).distinct()).as("one trace: " + traceparents).hasSize(1);
        assertThat(traceparents.values().stream().map(traceparent -> traceparent.split("-")[2]).distinct()).as("a span per hop: " + traceparents).hasSize(3);
      });
    }
  }

  private static void importContacts(String csv) {
    var imported = new JsonHttp(stack.contactImportUrl()).withToken(TestIssuer.token(TENANT, "crm")).post("/api/v1/local/tenants/" + TENANT + "/contacts", "text/csv", csv);
    assertThat(imported.status()).isEqualTo(202);
  }

  /** Readiness only: contacts and mail travel on separate topics, and in the CRM contacts come first. */
  private static void awaitContactsLoaded(int count) {
    try (var client = MongoClients.create(mongo.uri())) {
      await().atMost(Duration.ofSeconds(30)).until(() -> client.getDatabase("emailsync-history").getCollection("contact_directory").countDocuments() == count);
    }
  }

  private static String mail(String messageId, String from, String to, String cc, String subject) {
    return ("Message-ID: <" + messageId + ">\n"
            + "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now()) + "\n"
            + "From: " + from + "\n"
            + "To: " + to + "\n"
            + (cc.isEmpty() ? "" : "Cc: " + cc + "\n")
            + "Subject: " + subject + "\n"
            + "Content-Type: text/plain; charset=UTF-8\n\n"
            + subject + ": hello.\n")
        .replace("\n", "\r\n");
  }
}
