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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=automation-trigger-service", "emailsync.secrets.at-rest-key=" + com.emailsync.testsupport.TestKeys.AT_REST})
@ServiceIntegrationTest
class AutomationTriggerIT {

  @LocalServerPort int port;
  @Autowired KafkaTemplate<String, byte[]> kafka;
  @Autowired io.micrometer.core.instrument.MeterRegistry metrics;

  // This context's own broker: the system property the embedded broker sets names whichever context started last, and
  // contexts are cached across test classes.
  @Autowired org.springframework.kafka.test.EmbeddedKafkaBroker embeddedKafka;
  String brokers;

  private final String tenant = "tenant-" + UUID.randomUUID();
  private final EventCodec codec = new EventCodec("/emailsync/test");
  private JsonHttp http;
  private TopicReader triggers;

  @BeforeEach
  void setUp() {
    brokers = embeddedKafka.getBrokersAsString();
    http = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-1"));
    triggers = new TopicReader(brokers, Topics.AUTOMATION_TRIGGERS);
  }

  @AfterEach
  void tearDown() {
    triggers.close();
  }

  @Test
  void servesTheApiDocumentCheckedIntoDocs() {
    com.emailsync.testsupport.ApiDocument.assertServedMatchesCheckedIn("http://localhost:" + port, "automation-trigger-service");
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
        caller.get("/contacts/contact-carla/firings"),
        caller.post("/webhooks", Map.of("url", "https://hooks.example/x")),
        caller.get("/webhooks"),
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

    List<AutomationTriggered> fired = mine(triggers.awaitEvents(AutomationTriggered.class,
        list -> mine(list).stream().anyMatch(t -> t.messageId().equals("m-4@customer.example")), Duration.ofSeconds(30)));
    assertThat(fired).extracting(AutomationTriggered::automationId, AutomationTriggered::messageId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(followUp, "m-1@customer.example"), org.assertj.core.groups.Tuple.tuple(followUp, "m-4@customer.example"));
    var firings = http.get("/automations/" + followUp + "/firings").json().get("firings");
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
    var firings = http.get("/automations/" + followUp + "/firings").json().get("firings");
    assertThat(firings).hasSize(2);
    var erased = java.util.stream.StreamSupport.stream(firings.spliterator(), false).filter(f -> f.get("entryId").asString().equals(first.entryId())).findFirst().orElseThrow();
    assertThat(erased.get("subject").isNull()).isTrue();
    assertThat(erased.get("messageId").isNull()).isTrue();
  }

  @Test
  void anOutOfOfficeAnswerOrBulkMailFromTheContactFiresNothingUnlessTheAutomationAsksForIt() {
    String followUp = create("Follow up", true);
    String everything = create(Map.of("name", "Log every contact mail", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "filters", Map.of("includeAutoReplies", true, "includeBulk", true)));

    publish(mail("m-ooo@customer.example", "carla@customer.example", "conn-1", "Out of office: Quote", true, false));
    publish(mail("m-news@customer.example", "carla@customer.example", "conn-1", "Our newsletter", false, true));
    publish(mail("m-real@customer.example", "carla@customer.example", "conn-1", "A real question", false, false));

    var fired = triggers.awaitEvents(AutomationTriggered.class, list -> mine(list).stream().filter(t -> t.automationId().equals(everything)).count() == 3,
        Duration.ofSeconds(30));
    assertThat(mine(fired)).filteredOn(t -> t.automationId().equals(followUp)).extracting(AutomationTriggered::messageId)
        .as("the automatic answer and the newsletter start no follow-up").containsExactly("m-real@customer.example");
    assertThat(metrics.get("emailsync.automation.skipped").tag("reason", "AUTO_REPLY").counter().count()).isGreaterThanOrEqualTo(1);
    assertThat(metrics.get("emailsync.automation.skipped").tag("reason", "BULK").counter().count()).isGreaterThanOrEqualTo(1);
    assertThat(metrics.get("emailsync.automation.fire.lag").timer().count()).isGreaterThanOrEqualTo(4);
    assertThat(http.get("/automations/" + everything).json().get("filters").get("includeAutoReplies").asBoolean()).isTrue();
    assertThat(http.get("/automations/" + followUp).json().get("filters").get("includeAutoReplies").asBoolean()).as("the default").isFalse();
  }

  @Test
  void firesOnlyOnMailItsScopeSubjectAndSenderDomainLetThroughAndOnlyOnAContactsFirstMailWhenAsked() {
    String quotes = create(Map.of("name", "Quotes from customers on the sales inbox", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "scope", Map.of("connectionIds", List.of("conn-sales")),
        "filters", Map.of("subject", Map.of("matches", "(?i)\\bquote\\b"), "senderDomains", List.of("customer.example"))));
    String newLeads = create(Map.of("name", "New leads", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true, "filters", Map.of("firstEmailOnly", true)));
    // Fires on every live mail: once it has fired on a mail, every automation has had its say on that mail.
    String every = create("Every mail", true);

    publish(mail("m-other-inbox@customer.example", "carla@customer.example", "conn-support", "Quote please", false, false));
    publish(mail("m-no-quote@customer.example", "carla@customer.example", "conn-sales", "Hello there", false, false));
    publish(mail("m-other-domain@partner.example", "pat@partner.example", "conn-sales", "Quote please", false, false));
    publish(mail("m-quote@customer.example", "carla@eu.customer.example", "conn-sales", "A QUOTE for 40 seats", false, false));
    // Dana wrote before the connection was made (backfilled): her live mail is not her first.
    publish(mail("m-dana-old@dana.example", "dana@dana.example", "conn-sales", "Old", false, false, "contact-dana", MailOrigin.BACKFILL));
    publish(mail("m-dana-new@dana.example", "dana@dana.example", "conn-sales", "New", false, false, "contact-dana", MailOrigin.LIVE));
    publish(mail("m-erin-first@erin.example", "erin@erin.example", "conn-sales", "Hi", false, false, "contact-erin", MailOrigin.LIVE));
    publish(mail("m-erin-second@erin.example", "erin@erin.example", "conn-sales", "Hi again", false, false, "contact-erin", MailOrigin.LIVE));
    publish(mail("m-last@customer.example", "carla@customer.example", "conn-sales", "Quote again", false, false));

    var fired = mine(triggers.awaitEvents(AutomationTriggered.class,
        list -> mine(list).stream().filter(t -> t.automationId().equals(every)).count() == 8, Duration.ofSeconds(30)));
    assertThat(fired).filteredOn(t -> t.automationId().equals(quotes)).extracting(AutomationTriggered::messageId)
        .containsExactly("m-quote@customer.example", "m-last@customer.example");
    assertThat(fired).filteredOn(t -> t.automationId().equals(newLeads)).extracting(AutomationTriggered::messageId)
        .as("carla's first, erin's first; never dana, whose first mail was backfilled")
        .containsExactlyInAnyOrder("m-other-inbox@customer.example", "m-erin-first@erin.example");
  }

  @Test
  void mailAnAutomationSentNeverFiresOneAndAFolderScopeTakesOnlyThatFoldersMail() {
    String customersFolder = create(Map.of("name", "Customers folder", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "scope", Map.of("folders", List.of("Customers"))));
    String every = create(Map.of("name", "Every mail, machine answers too", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "filters", Map.of("includeAutoReplies", true, "includeBulk", true)));

    publish(filed("m-inbox@customer.example", "INBOX", false));
    publish(filed("m-filed@customer.example", "Customers", false));
    // The contact is also a CRM user whose automation wrote to us: its mail carries the automation's mark.
    publish(filed("m-automated@customer.example", "Customers", true));
    publish(filed("m-last@customer.example", "Customers", false));

    var fired = mine(triggers.awaitEvents(AutomationTriggered.class,
        list -> mine(list).stream().anyMatch(t -> t.automationId().equals(every) && t.messageId().equals("m-last@customer.example")), Duration.ofSeconds(30)));
    assertThat(fired).filteredOn(t -> t.automationId().equals(customersFolder)).extracting(AutomationTriggered::messageId)
        .containsExactly("m-filed@customer.example", "m-last@customer.example");
    assertThat(fired).filteredOn(t -> t.automationId().equals(every)).extracting(AutomationTriggered::messageId)
        .as("never the automation's own mail, whatever the filters").containsExactly("m-inbox@customer.example", "m-filed@customer.example", "m-last@customer.example");
    assertThat(metrics.get("emailsync.automation.skipped").tag("reason", "SENT_BY_AUTOMATION").counter().count()).isGreaterThanOrEqualTo(2);
    assertThat(http.get("/automations/" + customersFolder).json().get("scope").get("folders").get(0).asString()).isEqualTo("Customers");
  }

  @Test
  void listsFiringsPerAutomationAndPerContactNewestFirstAPageAtATime() {
    String followUp = create("Follow up", true);
    String scoring = create("Lead scoring", true);
    for (int i = 1; i <= 5; i++) {
      publish(mail("m-page-" + i + "@customer.example", "carla@customer.example", "conn-1", "Question " + i, false, false));
    }
    publish(mail("m-dana@dana.example", "dana@dana.example", "conn-1", "Hi", false, false, "contact-dana", MailOrigin.LIVE));
    triggers.awaitEvents(AutomationTriggered.class, list -> mine(list).size() == 12, Duration.ofSeconds(30));

    var first = http.get("/automations/" + followUp + "/firings?limit=2").json();
    var second = http.get("/automations/" + followUp + "/firings?limit=2&cursor=" + first.get("nextCursor").asString()).json();
    var third = http.get("/automations/" + followUp + "/firings?limit=2&cursor=" + second.get("nextCursor").asString()).json();
    List<String> pagedThrough = new java.util.ArrayList<>();
    for (var page : List.of(first, second, third)) {
      page.get("firings").forEach(f -> pagedThrough.add(f.get("messageId").asString()));
    }
    assertThat(pagedThrough).as("every firing once, across pages").hasSize(6).doesNotHaveDuplicates()
        .contains("m-dana@dana.example", "m-page-1@customer.example", "m-page-5@customer.example");
    assertThat(third.get("nextCursor").isNull()).as("the last page").isTrue();

    var carla = http.get("/contacts/contact-carla/firings?limit=100").json().get("firings");
    assertThat(carla).hasSize(10).allSatisfy(f -> assertThat(f.get("contactId").asString()).isEqualTo("contact-carla"));
    assertThat(java.util.stream.StreamSupport.stream(carla.spliterator(), false).map(f -> f.get("automationId").asString()).distinct())
        .containsExactlyInAnyOrder(followUp, scoring);
    var forged = http.get("/contacts/contact-carla/firings?cursor=forged");
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.contentType()).startsWith("application/problem+json");
  }

  @Autowired org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

  @Test
  void replayingTheWholeActivityTopicFiresNothingNew() throws Exception {
    String followUp = create("Follow up", true);
    publish(mail("m-replay-1@customer.example", "carla@customer.example", "conn-1", "First", false, false));
    publish(mail("m-replay-2@customer.example", "carla@customer.example", "conn-1", "Second", false, false));
    triggers.awaitEvents(AutomationTriggered.class, list -> mine(list).size() == 2, Duration.ofSeconds(30));

    var container = listeners.getListenerContainers().stream()
        .filter(c -> "automation-trigger-service".equals(c.getGroupId())).findFirst().orElseThrow();
    container.stop();
    // Snapshot once nothing is in flight: every event the service committed is read.
    triggers.readToEnd(Duration.ofSeconds(30));
    var idsBefore = mine(triggers.events(AutomationTriggered.class)).stream().map(AutomationTriggered::eventId).collect(java.util.stream.Collectors.toSet());
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", brokers))) {
      var partitions = admin.describeTopics(List.of(Topics.CONTACT_ACTIVITY)).allTopicNames().get().get(Topics.CONTACT_ACTIVITY).partitions();
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> toStart = new java.util.HashMap<>();
      partitions.forEach(p -> toStart.put(new org.apache.kafka.common.TopicPartition(Topics.CONTACT_ACTIVITY, p.partition()),
          new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)));
      admin.alterConsumerGroupOffsets("automation-trigger-service", toStart).all().get();
    }
    container.start();
    publish(mail("m-after-replay@customer.example", "carla@customer.example", "conn-1", "Third", false, false));

    var fired = mine(triggers.awaitEvents(AutomationTriggered.class,
        list -> mine(list).stream().anyMatch(t -> t.messageId().equals("m-after-replay@customer.example")), Duration.ofSeconds(60)));
    assertThat(fired).filteredOn(t -> !t.messageId().equals("m-after-replay@customer.example")).extracting(AutomationTriggered::eventId)
        .as("what the replay published again are the same events, by id").allMatch(idsBefore::contains);
    assertThat(fired.stream().map(AutomationTriggered::firingId).distinct()).as("three firings, whatever was replayed").hasSize(3);
    assertThat(http.get("/automations/" + followUp + "/firings").json().get("firings")).hasSize(3);
  }

  @Autowired com.mongodb.client.MongoClient mongo;

  @Test
  void firesForContactsInTheSegmentTheAutomationNamesByTheirCrmFields() {
    kafka.executeInTransaction(ops -> {
      ops.send(codec.encode(Topics.CONTACTS, new com.emailsync.events.ContactChanged(UUID.randomUUID(), Instant.now(), tenant, "contact-carla", "Carla",
          List.of("carla@customer.example"), Map.of("segment", "enterprise"))));
      ops.send(codec.encode(Topics.CONTACTS, new com.emailsync.events.ContactChanged(UUID.randomUUID(), Instant.now(), tenant, "contact-dana", "Dana",
          List.of("dana@dana.example"), Map.of("segment", "smb"))));
      return null;
    });
    // Contacts come before their mail, as in the CRM: the service has both before the mail is published.
    var attributes = mongo.getDatabase("emailsync-automations").getCollection("contact_attributes");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
        attributes.countDocuments(com.mongodb.client.model.Filters.in("_id", tenant + "/contact-carla", tenant + "/contact-dana")) == 2);
    String enterprise = create(Map.of("name", "Enterprise follow-up", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "filters", Map.of("contactAttribute", Map.of("name", "segment", "values", List.of("enterprise", "strategic")))));
    String every = create("Every mail", true);

    publish(mail("m-carla-segment@customer.example", "carla@customer.example", "conn-1", "Hi", false, false));
    publish(mail("m-dana-segment@dana.example", "dana@dana.example", "conn-1", "Hi", false, false, "contact-dana", MailOrigin.LIVE));
    publish(mail("m-erin-segment@erin.example", "erin@erin.example", "conn-1", "Hi", false, false, "contact-erin", MailOrigin.LIVE));

    var fired = mine(triggers.awaitEvents(AutomationTriggered.class,
        list -> mine(list).stream().filter(t -> t.automationId().equals(every)).count() == 3, Duration.ofSeconds(30)));
    assertThat(fired).filteredOn(t -> t.automationId().equals(enterprise)).extracting(AutomationTriggered::messageId)
        .as("carla is enterprise; dana is smb; erin has no fields").containsExactly("m-carla-segment@customer.example");
    assertThat(http.get("/automations/" + enterprise).json().get("filters").get("contactAttribute").get("values")).hasSize(2);
  }

  @Test
  void aRecordThatIsNoEventIsDeadLetteredWithItsReasonWhileTheRestOfItsBatchFires() {
    create("Follow up", true);
    kafka.executeInTransaction(ops -> {
      ops.send(codec.encode(Topics.CONTACT_ACTIVITY, mail("m-before-bad@customer.example", "carla@customer.example", "conn-1", "Before", false, false)));
      ops.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.CONTACT_ACTIVITY, tenant + "/contact-carla",
          "not a CloudEvent".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      ops.send(codec.encode(Topics.CONTACT_ACTIVITY, mail("m-after-bad@customer.example", "carla@customer.example", "conn-1", "After", false, false)));
      return null;
    });

    var fired = mine(triggers.awaitEvents(AutomationTriggered.class,
        list -> mine(list).stream().anyMatch(t -> t.messageId().equals("m-after-bad@customer.example")), Duration.ofSeconds(30)));
    assertThat(fired).extracting(AutomationTriggered::messageId).containsExactly("m-before-bad@customer.example", "m-after-bad@customer.example");
    try (var deadLetters = new TopicReader(brokers, Topics.CONTACT_ACTIVITY + "-dlt")) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.poll().stream()
          .anyMatch(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).equals("not a CloudEvent")
              && r.headers().lastHeader("kafka_dlt-exception-message") != null
              && new String(r.headers().lastHeader("kafka_dlt-exception-message").value(), java.nio.charset.StandardCharsets.UTF_8).contains("CloudEvent")));
    }
  }

  @Test
  void refusesAFilterItCouldNotUseWithAProblemNamingTheField() {
    var badPattern = http.post("/automations", Map.of("name", "Broken", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "filters", Map.of("subject", Map.of("matches", "(unclosed"))));
    var backtracking = http.post("/automations", Map.of("name", "Backreference", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "filters", Map.of("subject", Map.of("matches", "(a+)\\1"))));
    var notADomain = http.post("/automations", Map.of("name", "Domains", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "filters", Map.of("senderDomains", List.of("customer.example", "not a domain"))));
    var emptyCondition = http.post("/automations", Map.of("name", "Empty", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "filters", Map.of("subject", Map.of())));

    assertThat(badPattern.status()).isEqualTo(400);
    assertThat(badPattern.json().get("errors").get(0).get("field").asString()).isEqualTo("filters.subject.matches");
    assertThat(backtracking.status()).as("RE2 has no backreferences, which is what keeps matching linear").isEqualTo(400);
    assertThat(notADomain.status()).isEqualTo(400);
    assertThat(notADomain.json().get("errors").get(0).get("field").asString()).startsWith("filters.senderDomains");
    assertThat(emptyCondition.status()).isEqualTo(400);
    var bodyWithoutHistory = http.post("/automations", Map.of("name", "Body", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true,
        "filters", Map.of("body", Map.of("contains", "seats"))));
    assertThat(bodyWithoutHistory.status()).as("this service is not configured to read bodies").isEqualTo(400);
    assertThat(bodyWithoutHistory.json().get("errors").get(0).get("field").asString()).isEqualTo("filters.body");
    assertThat(http.get("/automations").json()).as("nothing was created").isEmpty();
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
    return create(Map.of("name", name, "trigger", "CONTACT_SENDS_EMAIL", "enabled", enabled));
  }

  private String create(Map<String, Object> automation) {
    var created = http.post("/automations", automation);
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private List<AutomationTriggered> mine(List<AutomationTriggered> fired) {
    return fired.stream().filter(t -> t.tenantId().equals(tenant)).toList();
  }

  private ContactEmailLogged mail(String messageId, String from, String connectionId, String subject, boolean autoReply, boolean bulk) {
    return mail(messageId, from, connectionId, subject, autoReply, bulk, "contact-carla", MailOrigin.LIVE);
  }

  private ContactEmailLogged filed(String messageId, String folder, boolean sentByAutomation) {
    return new ContactEmailLogged(UUID.randomUUID(), Instant.now(), "entry-" + messageId, tenant, "contact-carla", "conn-1", EmailEvent.Direction.RECEIVED,
        ContactEmailLogged.Role.FROM, messageId, "Hello", EmailAddress.of("carla@customer.example"), Instant.now(), UUID.randomUUID(), MailOrigin.LIVE,
        messageId, true, false, false, sentByAutomation, folder);
  }

  /** A contact's mail as contact-history logs it, with what it read of its headers. */
  private ContactEmailLogged mail(
      String messageId, String from, String connectionId, String subject, boolean autoReply, boolean bulk, String contactId, MailOrigin origin) {
    return new ContactEmailLogged(UUID.randomUUID(), Instant.now(), "entry-" + messageId, tenant, contactId, connectionId, EmailEvent.Direction.RECEIVED,
        ContactEmailLogged.Role.FROM, messageId, subject, EmailAddress.of(from), Instant.now(), UUID.randomUUID(), origin, messageId, true, autoReply, bulk);
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
