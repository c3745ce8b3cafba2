package com.emailsync.contacthistory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.ContactChanged;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.ContactMerged;
import com.emailsync.events.EntriesErased;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailReceived;
import com.emailsync.events.EventCodec;
import com.emailsync.events.EventMother;
import com.emailsync.events.MailMessage;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.MailRereadRequested;
import com.emailsync.events.MailboxLocation;
import com.emailsync.events.Topics;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.StrangerCalls;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.ServiceIntegrationTest;
import com.emailsync.testsupport.TopicReader;
import com.mongodb.client.MongoClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

/** Contacts and mail in through real Kafka topics, history out through real HTTP, on a MongoDB wire-protocol server. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=contact-history-service"})
@ServiceIntegrationTest
class ContactHistoryIT {

  @LocalServerPort int port;
  @Autowired KafkaTemplate<String, byte[]> kafka;
  @Autowired MongoClient mongo;
  @Autowired org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  private final EventCodec codec = new EventCodec("/emailsync/test");
  private final String tenant = "tenant-" + UUID.randomUUID();
  private final String carla = "carla-" + UUID.randomUUID();
  private final String dave = "dave-" + UUID.randomUUID();
  private TopicReader activity;
  private JsonHttp http;

  @BeforeEach
  void setUp() {
    activity = new TopicReader(brokers, Topics.CONTACT_ACTIVITY);
    http = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-1"));
    publish(Topics.CONTACTS, new ContactChanged(UUID.randomUUID(), Instant.now(), tenant, carla, "Carla", List.of("carla@customer.example", "carla@home.example")));
    publish(Topics.CONTACTS, new ContactChanged(UUID.randomUUID(), Instant.now(), tenant, dave, "Dave", List.of("dave@customer.example")));
    // Another tenant's contact with the same address must never see this tenant's mail.
    publish(Topics.CONTACTS, new ContactChanged(UUID.randomUUID(), Instant.now(), "other-tenant", "other-" + carla, "Carla", List.of("carla@customer.example")));
    awaitContactInDirectory(tenant, dave);
  }

  @AfterEach
  void tearDown() {
    activity.close();
  }

  @Test
  void servesTheApiDocumentCheckedIntoDocs() {
    com.emailsync.testsupport.ApiDocument.assertServedMatchesCheckedIn("http://localhost:" + port, "contact-history-service");
  }

  @Test
  void everyEndpointRefusesACallWithoutATokenAndFindsNothingWithAnotherTenantsToken() {
    StrangerCalls.assertRefused("http://localhost:" + port + "/api/v1/tenants/" + tenant, caller -> List.of(
        caller.get("/contacts/contact-carla/history"),
        caller.get("/contacts/contact-carla/summary"),
        caller.get("/history/entry-1"),
        caller.delete("/contacts/contact-carla/history"),
        caller.get("/history-settings"),
        caller.put("/history-settings", java.util.Map.of("looseAddressMatching", true))));
  }

  @Test
  void logsTheMailOncePerContactTakingPartAndPublishesTheActivity() {
    publish(Topics.MESSAGES, received("m-1@customer.example", "Quote please", "INBOX"));

    List<ContactEmailLogged> logged = activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().filter(e -> e.tenantId().equals(tenant)).count() >= 2, Duration.ofSeconds(30));
    assertThat(logged.stream().filter(e -> e.tenantId().equals(tenant)))
        .extracting(ContactEmailLogged::contactId, ContactEmailLogged::role)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(carla, ContactEmailLogged.Role.FROM), org.assertj.core.groups.Tuple.tuple(dave, ContactEmailLogged.Role.CC));

    var page = http.get("/contacts/" + carla + "/history").json();
    assertThat(page.get("entries")).hasSize(1);
    var entry = page.get("entries").get(0);
    assertThat(entry.get("subject").asString()).isEqualTo("Quote please");
    assertThat(entry.get("direction").asString()).isEqualTo("RECEIVED");
    assertThat(entry.get("snippet").asString()).isEqualTo("Hi Sam, could you send the quote?");

    var whole = http.get("/history/" + entry.get("id").asString()).json();
    assertThat(whole.get("html").asString()).contains("<b>quote</b>").doesNotContain("<script").doesNotContain("onerror");
    assertThat(whole.get("attachments").get(0).get("filename").asString()).isEqualTo("requirements.pdf");
    assertThat(http.get("/contacts/other-" + carla + "/history").json().get("entries")).isEmpty();
  }

  @Test
  void storesAndAnnouncesNothingTwiceWhenTheSameMailArrivesFromAnotherFolder() {
    publish(Topics.MESSAGES, received("m-2@customer.example", "Twice", "INBOX"));
    publish(Topics.MESSAGES, received("m-2@customer.example", "Twice", "Customers"));
    publish(Topics.MESSAGES, received("m-3@customer.example", "After", "INBOX"));

    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-3@customer.example") && e.contactId().equals(carla)), Duration.ofSeconds(30));
    assertThat(activity.events(ContactEmailLogged.class).stream().filter(e -> e.messageId().equals("m-2@customer.example") && e.contactId().equals(carla))).hasSize(1);
    assertThat(http.get("/contacts/" + carla + "/history").json().get("entries")).hasSize(2);
  }

  @Test
  void pagesNewestFirstWithACursor() {
    for (int i = 1; i <= 3; i++) {
      publish(Topics.MESSAGES, receivedAt("p-" + i + "@customer.example", "Page " + i, Instant.parse("2026-11-2" + i + "T10:00:00Z")));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/contacts/" + carla + "/history?limit=10").json().get("entries").size() == 3);

    var first = http.get("/contacts/" + carla + "/history?limit=2").json();
    assertThat(first.get("entries")).extracting(e -> e.get("subject").asString()).containsExactly("Page 3", "Page 2");
    var second = http.get("/contacts/" + carla + "/history?limit=2&cursor=" + first.get("nextCursor").asString()).json();
    assertThat(second.get("entries")).extracting(e -> e.get("subject").asString()).containsExactly("Page 1");
    assertThat(second.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void storesNothingForMailWithoutAContactAndAnswersUnknownEntriesWithAProblem() {
    var stranger = new MailMessage("s-1@nowhere.example", "Spam", Instant.now(), EmailAddress.of("x@nowhere.example"), List.of(EmailAddress.of("sam@acme.example")), List.of(), List.of(), "buy", null, false, List.of());
    publish(Topics.MESSAGES, new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-1", tenant, "user-42", new MailboxLocation("INBOX", 1, 9), stranger));
    publish(Topics.MESSAGES, received("m-4@customer.example", "Marker", "INBOX"));

    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-4@customer.example")), Duration.ofSeconds(30));
    assertThat(activity.events(ContactEmailLogged.class)).noneMatch(e -> e.messageId().equals("s-1@nowhere.example"));
    var missing = http.get("/history/does-not-exist");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/problem+json");
  }

  @Test
  void keepsContactsOfTwoTenantsWithTheSameContactIdApart() {
    String t1 = "t1-" + UUID.randomUUID();
    String t1d = "t1d-" + UUID.randomUUID();
    publish(Topics.CONTACTS, new ContactChanged(UUID.randomUUID(), Instant.now(), t1, "c-ann", "Ann", List.of("ann@one.example")));
    publish(Topics.CONTACTS, new ContactChanged(UUID.randomUUID(), Instant.now(), t1d, "c-ann", "Ann", List.of("ann@two.example")));
    awaitContactInDirectory(t1d, "c-ann");

    publish(Topics.MESSAGES, mailFrom(t1, "ann@one.example", "ann-1@one.example"));
    publish(Topics.MESSAGES, mailFrom(t1d, "ann@two.example", "ann-2@two.example"));

    var logged = activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().filter(e -> e.contactId().equals("c-ann")).count() >= 2, Duration.ofSeconds(30));
    assertThat(logged.stream().filter(e -> e.contactId().equals("c-ann")))
        .extracting(ContactEmailLogged::tenantId, ContactEmailLogged::messageId)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(t1, "ann-1@one.example"), org.assertj.core.groups.Tuple.tuple(t1d, "ann-2@two.example"));

    // Deleting one tenant's Ann leaves the other's matching.
    kafka.executeInTransaction(ops -> ops.send(EventCodec.tombstone(Topics.CONTACTS, t1d + "/c-ann")));
    await().atMost(Duration.ofSeconds(30)).until(() -> directory().countDocuments(new Document("_id", t1d + "/c-ann")) == 0);
    publish(Topics.MESSAGES, mailFrom(t1, "ann@one.example", "ann-3@one.example"));
    publish(Topics.MESSAGES, mailFrom(t1d, "ann@two.example", "ann-4@two.example"));
    publish(Topics.MESSAGES, received("m-after-ann@customer.example", "Marker", "INBOX"));

    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-after-ann@customer.example")), Duration.ofSeconds(30));
    assertThat(activity.events(ContactEmailLogged.class).stream().filter(e -> e.contactId().equals("c-ann")))
        .extracting(ContactEmailLogged::messageId)
        .containsExactlyInAnyOrder("ann-1@one.example", "ann-2@two.example", "ann-3@one.example");
  }

  @Test
  void deadLettersARecordThatIsNoEventAtOnceWithItsReasonAndLogsTheRestOfItsBatch() {
    kafka.executeInTransaction(ops -> {
      ops.send(new ProducerRecord<>(Topics.MESSAGES, "conn-1", "not an event".getBytes(StandardCharsets.UTF_8)));
      ops.send(codec.encode(Topics.MESSAGES, received("m-after-poison@customer.example", "After poison", "INBOX")));
      return null;
    });

    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-after-poison@customer.example")), Duration.ofSeconds(30));
    try (var deadLetters = new TopicReader(brokers, Topics.deadLetter(Topics.MESSAGES))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.poll().stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).equals("not an event")));
      var poison = deadLetters.poll().stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals("not an event")).findFirst().orElseThrow();
      assertThat(new String(poison.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8)).contains("not a CloudEvent");
    }
  }

  @Test
  void aContactAddedAfterItsMailAsksTheWorkerToReadItAgainAndLogsItAsCaughtUp() {
    EmailReceived early = mailFrom(tenant, "erin@customer.example", "erin-1@customer.example");
    publish(Topics.MESSAGES, early);
    publish(Topics.MESSAGES, received("m-before-erin@customer.example", "Marker", "INBOX"));
    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-before-erin@customer.example")), Duration.ofSeconds(30));
    String erin = "erin-" + UUID.randomUUID();

    publish(Topics.CONTACTS, new ContactChanged(UUID.randomUUID(), Instant.now(), tenant, erin, "Erin", List.of("Erin@Customer.example")));

    try (var rereads = new TopicReader(brokers, Topics.MAIL_REREADS)) {
      var request = rereads.awaitEvents(MailRereadRequested.class, list -> list.stream().anyMatch(r -> r.tenantId().equals(tenant)), Duration.ofSeconds(30))
          .stream().filter(r -> r.tenantId().equals(tenant)).findFirst().orElseThrow();
      assertThat(request.messageId()).isEqualTo("erin-1@customer.example");
      assertThat(request.connectionId()).isEqualTo(early.connectionId());
      assertThat(request.location()).isEqualTo(early.location());
    }
    // What the sync worker owning the connection answers with: the same mail, read again.
    publish(Topics.MESSAGES, new EmailReceived(UUID.randomUUID(), Instant.now(), early.connectionId(), tenant, early.ownerUserId(), early.location(), early.message(), MailOrigin.CATCH_UP));

    var logged = activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.contactId().equals(erin)), Duration.ofSeconds(30));
    assertThat(logged.stream().filter(e -> e.contactId().equals(erin))).singleElement().satisfies(e -> {
      assertThat(e.messageId()).isEqualTo("erin-1@customer.example");
      assertThat(e.origin()).isEqualTo(MailOrigin.CATCH_UP);
    });
    assertThat(http.get("/contacts/" + erin + "/history").json().get("entries")).hasSize(1);
  }

  @Test
  void answersEveryBadParameterWithAProblemNeverA500() {
    for (String query : List.of("limit=0", "limit=101", "cursor=forged", "cursor=" + java.util.Base64.getUrlEncoder().encodeToString("12:".getBytes(StandardCharsets.UTF_8)),
        "direction=SIDEWAYS", "from=yesterday", "from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z")) {
      var answer = http.get("/contacts/" + carla + "/history?" + query);
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.contentType()).as(query).startsWith("application/problem+json");
    }
    assertThat(http.get("/history/any?remoteImages=maybe").status()).isEqualTo(400);
  }

  @Test
  void servesHtmlWithRemoteImagesBlockedUnlessAskedAndATextSnippetMadeByAnHtmlParser() {
    var template = EventMother.mailFromContact();
    String html = "<style>p{color:red}</style><p>Caf&eacute; &amp; quote&nbsp;ready</p><img src=\"https://tracker.example/pixel.gif?u=1\"><img src=\"cid:logo\">";
    var mail = new MailMessage("m-html@customer.example", "Pixel", template.sentAt(), template.from(), template.to(), List.of(), List.of(), null, html, false, List.of());
    publish(Topics.MESSAGES, new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-1", tenant, "user-42", new MailboxLocation("INBOX", 1, 1), mail));
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/contacts/" + carla + "/history?q=pixel").json().get("entries").size() == 1);

    var summary = http.get("/contacts/" + carla + "/history?q=pixel").json().get("entries").get(0);
    assertThat(summary.get("snippet").asString()).isEqualTo("Café & quote ready");
    String id = summary.get("id").asString();
    var blocked = http.get("/history/" + id).json();
    assertThat(blocked.get("html").asString()).doesNotContain("tracker.example").contains("<img");
    assertThat(blocked.get("remoteImagesBlocked").asInt()).isEqualTo(1);
    var shown = http.get("/history/" + id + "?remoteImages=show").json();
    assertThat(shown.get("html").asString()).contains("https://tracker.example/pixel.gif");
    assertThat(shown.get("remoteImagesBlocked").asInt()).isZero();

    var contactSummary = http.get("/contacts/" + carla + "/summary").json();
    assertThat(contactSummary.get("entries").asLong()).isPositive();
    assertThat(contactSummary.get("lastReceivedAt").isNull()).isFalse();
  }

  @Test
  void caughtUpMailSentAfterTheContactWasInTheCrmIsNewsAndLoggedLive() {
    String fay = "fay-" + UUID.randomUUID();
    Instant createdInCrm = Instant.now().minusSeconds(3600);
    publish(Topics.CONTACTS, new ContactChanged(UUID.randomUUID(), createdInCrm, tenant, fay, "Fay", List.of("fay@customer.example")));
    awaitContactInDirectory(tenant, fay);
    var before = new MailMessage("fay-old@customer.example", "Old", createdInCrm.minusSeconds(60), EmailAddress.of("fay@customer.example"), List.of(EmailAddress.of("sam@acme.example")), List.of(), List.of(), "text", null, false, List.of());
    var after = new MailMessage("fay-new@customer.example", "New", createdInCrm.plusSeconds(60), EmailAddress.of("fay@customer.example"), List.of(EmailAddress.of("sam@acme.example")), List.of(), List.of(), "text", null, false, List.of());

    // Both read again for a directory that learned of Fay late: only the mail sent before she was a contact is history.
    publish(Topics.MESSAGES, new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-1", tenant, "user-42", new MailboxLocation("INBOX", 1, 5), before, MailOrigin.CATCH_UP));
    publish(Topics.MESSAGES, new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-1", tenant, "user-42", new MailboxLocation("INBOX", 1, 6), after, MailOrigin.CATCH_UP));

    var logged = activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().filter(e -> e.contactId().equals(fay)).count() >= 2, Duration.ofSeconds(30));
    assertThat(logged.stream().filter(e -> e.contactId().equals(fay)))
        .extracting(ContactEmailLogged::messageId, ContactEmailLogged::origin)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("fay-old@customer.example", MailOrigin.CATCH_UP),
            org.assertj.core.groups.Tuple.tuple("fay-new@customer.example", MailOrigin.LIVE));
  }

  @Test
  void aTenantSetsItsBlocklistOverRestAndItsMailFromBlockedDomainsIsNoLongerLogged() {
    var settingsApi = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-1"));
    assertThat(settingsApi.get("/history-settings").json().get("excludeRoleAddresses").asBoolean()).as("defaults until set").isTrue();
    var invalid = settingsApi.put("/history-settings", java.util.Map.of("blockedAddresses", List.of("not an address"), "catchUpWindow", "P400D"));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.contentType()).startsWith("application/problem+json");
    assertThat(invalid.raw()).contains("blockedAddresses").contains("catchUpWindow");

    var tooFar = settingsApi.put("/history-settings", java.util.Map.of("catchUpWindow", "P60D"));
    assertThat(tooFar.status()).as("the index remembers 30 days").isEqualTo(400);
    assertThat(tooFar.raw()).contains("catchUpWindow");
    assertThat(settingsApi.put("/history-settings", java.util.Map.of("catchUpWindow", "P20D", "retention", "P10D")).status()).isEqualTo(400);

    var saved = settingsApi.put("/history-settings", java.util.Map.of("blockedDomains", List.of("Customer.example"), "catchUpWindow", "P7D"));
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.json().get("blockedDomains").get(0).asString()).isEqualTo("customer.example");
    assertThat(settingsApi.get("/history-settings").json().get("catchUpWindow").asString()).isEqualTo("PT168H");

    publish(Topics.MESSAGES, received("m-blocked@customer.example", "Blocked", "INBOX"));
    // Same connection, so the same partition: once this one is logged, the blocked one was processed before it.
    publish(Topics.MESSAGES, receivedAt("m-from-home@home.example", "From home", Instant.now()));

    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-from-home@home.example")), Duration.ofSeconds(30));
    assertThat(activity.events(ContactEmailLogged.class)).noneMatch(e -> e.messageId().equals("m-blocked@customer.example"));
  }

  @Test
  void aMergedContactsHistoryMovesToTheSurvivorAndAPrivacyRequestErasesItAllAnnouncingEachStep() {
    String dup = "carla-dup-" + UUID.randomUUID();
    publish(Topics.CONTACTS, new ContactChanged(UUID.randomUUID(), Instant.now(), tenant, dup, "Carla (work)", List.of("carla@work.example")));
    awaitContactInDirectory(tenant, dup);
    publish(Topics.MESSAGES, mailFrom(tenant, "carla@work.example", "m-work-1@work.example"));
    publish(Topics.MESSAGES, mailFrom(tenant, "carla@home.example", "m-home-1@home.example"));
    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-work-1@work.example"))
        && list.stream().anyMatch(e -> e.messageId().equals("m-home-1@home.example")), Duration.ofSeconds(30));

    // The CRM's merge comes with its own trace: the erasure it causes here carries that trace on, under a span of ours.
    String crmTraceId = UUID.randomUUID().toString().replace("-", "");
    var merge = codec.encode(Topics.CONTACTS, new ContactMerged(UUID.randomUUID(), Instant.now(), tenant, dup, carla));
    merge.headers().add("traceparent", ("00-" + crmTraceId + "-00f067aa0ba902b7-01").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    kafka.executeInTransaction(ops -> ops.send(merge));

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(messageIdsOf(carla)).containsExactlyInAnyOrder("m-work-1@work.example", "m-home-1@home.example"));
    assertThat(http.get("/contacts/" + dup + "/history").json().get("entries")).isEmpty();
    var merged = activity.awaitEvents(EntriesErased.class, list -> list.stream().anyMatch(e -> e.contactId().equals(dup)), Duration.ofSeconds(30));
    assertThat(merged.stream().filter(e -> e.contactId().equals(dup))).singleElement().extracting(EntriesErased::reason).isEqualTo(EntriesErased.Reason.CONTACT_MERGED);
    var erasureRecord = activity.poll().stream()
        .filter(record -> record.value() != null && codec.decode(record) instanceof EntriesErased e && e.contactId().equals(dup)).findFirst().orElseThrow();
    String[] traceparent = new String(erasureRecord.headers().lastHeader("traceparent").value(), java.nio.charset.StandardCharsets.UTF_8).split("-");
    assertThat(traceparent[1]).as("the CRM's trace").isEqualTo(crmTraceId);
    assertThat(traceparent[2]).as("a span of contact-history's own").isNotEqualTo("00f067aa0ba902b7");

    var erased = http.delete("/contacts/" + carla + "/history");
    assertThat(erased.status()).isEqualTo(200);
    assertThat(erased.json().get("erased").asInt()).isEqualTo(2);
    assertThat(http.get("/contacts/" + carla + "/history").json().get("entries")).isEmpty();
    var announced = activity.awaitEvents(EntriesErased.class, list -> list.stream().anyMatch(e -> e.contactId().equals(carla)), Duration.ofSeconds(30));
    assertThat(announced.stream().filter(e -> e.contactId().equals(carla))).singleElement()
        .satisfies(e -> {
          assertThat(e.reason()).isEqualTo(EntriesErased.Reason.CONTACT_ERASURE);
          assertThat(e.entryIds()).hasSize(2);
        });
  }

  @Test
  void replayingTheWholeMessagesTopicChangesNothingAndRepeatsOnlyEventsAlreadySeen() throws Exception {
    String dana = "dana-" + UUID.randomUUID();
    publish(Topics.CONTACTS, new ContactChanged(UUID.randomUUID(), Instant.now(), tenant, dana, "Dana", List.of("dana@customer.example")));
    awaitContactInDirectory(tenant, dana);
    publish(Topics.MESSAGES, mailFrom(tenant, "dana@customer.example", "m-dana-erased@customer.example"));
    publish(Topics.MESSAGES, received("m-replay-1@customer.example", "Before the replay", "INBOX"));
    publish(Topics.MESSAGES, received("m-replay-2@customer.example", "Before the replay", "Customers"));
    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-replay-2@customer.example"))
        && list.stream().anyMatch(e -> e.messageId().equals("m-dana-erased@customer.example")), Duration.ofSeconds(30));
    assertThat(http.delete("/contacts/" + dana + "/history").json().get("erased").asInt()).as("a privacy request before the replay").isEqualTo(1);

    var container = listeners.getListenerContainers().stream()
        .filter(c -> "contact-history-service.messages".equals(c.getGroupId())).findFirst().orElseThrow();
    container.stop();
    // Snapshot only once the service has stopped and the reader has read all it committed: an event still in flight
    // would otherwise first show up after the replay and be taken for a new one.
    activity.readToEnd(Duration.ofSeconds(30));
    List<String> historyBefore = messageIdsOf(carla);
    var idsBefore = activity.events(ContactEmailLogged.class).stream().map(ContactEmailLogged::eventId).collect(java.util.stream.Collectors.toSet());
    try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", brokers))) {
      var partitions = admin.describeTopics(List.of(Topics.MESSAGES)).allTopicNames().get().get(Topics.MESSAGES).partitions();
      java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> toStart = new java.util.HashMap<>();
      partitions.forEach(p -> toStart.put(new org.apache.kafka.common.TopicPartition(Topics.MESSAGES, p.partition()), new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)));
      admin.alterConsumerGroupOffsets("contact-history-service.messages", toStart).all().get();
    }
    container.start();
    publish(Topics.MESSAGES, received("m-after-replay@customer.example", "After the replay", "INBOX"));

    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-after-replay@customer.example")), Duration.ofSeconds(60));
    assertThat(messageIdsOf(carla)).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(historyBefore.stream(), java.util.stream.Stream.of("m-after-replay@customer.example")).toList());
    assertThat(activity.events(ContactEmailLogged.class).stream().filter(e -> e.messageId().equals("m-replay-1@customer.example")))
        .as("the replay did publish it again").hasSizeGreaterThanOrEqualTo(2);
    assertThat(activity.events(ContactEmailLogged.class).stream().filter(e -> !e.messageId().equals("m-after-replay@customer.example")).map(ContactEmailLogged::eventId))
        .as("what the replay published again are the same events, by id").allMatch(idsBefore::contains);
    assertThat(messageIdsOf(dana)).as("the replay brings no erased mail back").isEmpty();
    assertThat(activity.events(ContactEmailLogged.class).stream().filter(e -> e.messageId().equals("m-dana-erased@customer.example"))).hasSize(1);
  }

  @Test
  void givesTheTriggerServiceAMailsTextOverTheInternalApiWithItsServiceTokenOnlyAndOnlyWhereBodiesAreShown() {
    publish(Topics.MESSAGES, received("m-internal@customer.example", "Internal text", "INBOX"));
    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-internal@customer.example")), Duration.ofSeconds(30));
    String id = http.get("/contacts/" + carla + "/history?q=Internal%20text").json().get("entries").get(0).get("id").asString();
    String path = "/internal/v1/tenants/" + tenant + "/history/" + id + "/text";
    var internal = new JsonHttp("http://localhost:" + port);

    var text = internal.withToken(TestIssuer.issuer().serviceToken("automation-trigger-service")).get(path);

    assertThat(text.status()).isEqualTo(200);
    assertThat(text.json().get("text").asString()).isEqualTo(EventMother.mailFromContact().textBody().replaceAll("\\s+", " ").strip());
    assertThat(internal.get(path).status()).as("no token").isEqualTo(401);
    assertThat(internal.withToken(TestIssuer.token(tenant, "user-1", TestIssuer.ADMIN)).get(path).status()).as("a user's token").isEqualTo(401);
    assertThat(internal.withToken(TestIssuer.issuer().serviceToken("sync-worker")).get(path).status()).as("a service not listed").isEqualTo(401);
    var settingsApi = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-1"));
    assertThat(settingsApi.put("/history-settings", java.util.Map.of("visibility", "SUMMARY")).status()).isEqualTo(200);
    assertThat(internal.withToken(TestIssuer.issuer().serviceToken("automation-trigger-service")).get(path).status())
        .as("the tenant no longer shows bodies").isEqualTo(404);
  }

  @Test
  void servesNoMoreThanTheTenantsVisibilityAllowsNowAndSearchesNoTextItDoesNotShow() {
    publish(Topics.MESSAGES, received("m-visible@customer.example", "Quote visible", "INBOX"));
    activity.awaitEvents(ContactEmailLogged.class, list -> list.stream().anyMatch(e -> e.messageId().equals("m-visible@customer.example")), Duration.ofSeconds(30));
    var settingsApi = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-1"));
    String id = http.get("/contacts/" + carla + "/history?q=Quote%20visible").json().get("entries").get(0).get("id").asString();
    assertThat(http.get("/contacts/" + carla + "/history?q=onerror").json().get("entries")).as("a word in the HTML body only").isNotEmpty();

    assertThat(settingsApi.put("/history-settings", java.util.Map.of("visibility", "SUMMARY")).status()).isEqualTo(200);
    var summary = http.get("/history/" + id).json();
    assertThat(summary.get("subject").asString()).isEqualTo("Quote visible");
    assertThat(summary.get("text").isNull()).isTrue();
    assertThat(summary.get("html").isNull()).isTrue();
    assertThat(summary.get("attachments")).isEmpty();
    assertThat(http.get("/contacts/" + carla + "/history?q=onerror").json().get("entries")).as("the body is not shown, so not searched").isEmpty();

    assertThat(settingsApi.put("/history-settings", java.util.Map.of("visibility", "FULL", "connections", java.util.Map.of("conn-1", java.util.Map.of("visibility", "METADATA")))).status()).isEqualTo(200);
    assertThat(settingsApi.get("/history-settings").json().get("connections").get("conn-1").get("visibility").asString()).isEqualTo("METADATA");
    var metadata = http.get("/contacts/" + carla + "/history").json().get("entries");
    assertThat(metadata).allSatisfy(e -> assertThat(e.get("subject").isNull()).isTrue());
    assertThat(http.get("/contacts/" + carla + "/history?q=Quote%20visible").json().get("entries")).as("the subject this connection hides is not searched").isEmpty();
    assertThat(http.get("/contacts/" + carla + "/history?q=onerror").json().get("entries")).as("nor its body").isEmpty();
  }

  private List<String> messageIdsOf(String contactId) {
    List<String> ids = new java.util.ArrayList<>();
    http.get("/contacts/" + contactId + "/history?limit=100").json().get("entries").forEach(e -> ids.add(e.get("messageId").asString()));
    return ids;
  }

  private EmailReceived mailFrom(String tenantId, String from, String messageId) {
    var mail = new MailMessage(messageId, "Hello", Instant.now(), EmailAddress.of(from), List.of(EmailAddress.of("sam@acme.example")), List.of(), List.of(), "text", null, false, List.of());
    return new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-" + tenantId, tenantId, "user-42", new MailboxLocation("INBOX", 1, 1), mail);
  }

  private void awaitContactInDirectory(String tenantId, String contactId) {
    // Contacts and mail are separate topics: in the CRM contacts exist before mail about them, so wait the same here.
    await().atMost(Duration.ofSeconds(30)).until(() -> directory().countDocuments(new Document("_id", tenantId + "/" + contactId)) == 1);
  }

  private com.mongodb.client.MongoCollection<Document> directory() {
    return mongo.getDatabase("emailsync-history").getCollection("contact_directory");
  }

  private EmailReceived received(String messageId, String subject, String folder) {
    var template = EventMother.mailFromContact();
    var mail = new MailMessage(messageId, subject, template.sentAt(), template.from(), template.to(), template.cc(), List.of(), template.textBody(),
        template.htmlBody() + "<script>alert(1)</script><img src=x onerror=alert(2)>", false, template.attachments());
    return new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-1", tenant, "user-42", new MailboxLocation(folder, 1, 1), mail);
  }

  private EmailReceived receivedAt(String messageId, String subject, Instant sentAt) {
    var mail = new MailMessage(messageId, subject, sentAt, EmailAddress.of("carla@home.example"), List.of(EmailAddress.of("sam@acme.example")), List.of(), List.of(), "text", null, false, List.of());
    return new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-1", tenant, "user-42", new MailboxLocation("INBOX", 1, 1), mail);
  }

  private void publish(String topic, com.emailsync.events.DomainEvent event) {
    kafka.executeInTransaction(ops -> ops.send(codec.encode(topic, event)));
  }
}
