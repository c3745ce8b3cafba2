package com.emailsync.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EventCodec;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.Topics;
import com.emailsync.events.secrets.CredentialBinding;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.StrangerCalls;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.ServiceIntegrationTest;
import com.emailsync.testsupport.TestKeys;
import com.emailsync.testsupport.TopicReader;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

/** The connections API over real HTTP, on a real Kafka broker, a MongoDB wire-protocol server and an IMAP server. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=connection-service",
      "emailsync.republish-interval=200ms",
      "emailsync.secrets.at-rest-key=" + TestKeys.AT_REST,
      "emailsync.secrets.transport-key=" + TestKeys.TRANSPORT
    })
@ServiceIntegrationTest
class ConnectionApiIT {

  private static final String PASSWORD = "app-password-7Qz";

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

  @LocalServerPort int port;
  @org.springframework.boot.test.web.server.LocalManagementPort int managementPort;
  @Autowired MongoClient mongoClient;
  @Autowired KafkaTemplate<String, byte[]> kafka;

  @org.springframework.beans.factory.annotation.Value("${spring.embedded.kafka.brokers}")
  String brokers;

  private JsonHttp http;
  private TopicReader connectionsTopic;
  private final String tenant = "tenant-" + UUID.randomUUID();

  @BeforeEach
  void setUp() {
    greenMail.setUser("sam@acme.example", "sam@acme.example", PASSWORD);
    http = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-1"));
    connectionsTopic = new TopicReader(brokers, Topics.CONNECTIONS);
  }

  @AfterEach
  void closeReader() {
    connectionsTopic.close();
  }

  @Test
  void servesTheApiDocumentCheckedIntoDocs() {
    com.emailsync.testsupport.ApiDocument.assertServedMatchesCheckedIn("http://localhost:" + port, "connection-service");
  }

  @Test
  void connectsAMailboxSelectsInboxAndPublishesTheConnectionWithASealedPassword() {
    var created = http.post("/connections", connectBody(PASSWORD));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.raw()).doesNotContain(PASSWORD);
    String id = created.json().get("id").asString();
    assertThat(created.json().get("status").asString()).isEqualTo("CONNECTED");
    assertThat(created.json().get("folders").get(0).get("name").asString()).isEqualTo("INBOX");
    assertThat(created.json().get("folders").get(0).get("selected").asBoolean()).isTrue();

    var events = connectionsTopic.awaitEvents(ConnectionChanged.class, list -> !list.isEmpty() && list.stream().anyMatch(e -> e.connectionId().equals(id)), Duration.ofSeconds(20));
    ConnectionChanged event = events.stream().filter(e -> e.connectionId().equals(id)).findFirst().orElseThrow();
    assertThat(event.folders()).containsExactly("INBOX");
    assertThat(event.startOf("INBOX")).as("read from the server by STATUS when the folder was selected")
        .hasValueSatisfying(start -> assertThat(start.uidNext()).isPositive());
    assertThat(event.sealedCredential()).doesNotContain(PASSWORD);
    assertThat(SecretBox.fromBase64Key(TestKeys.TRANSPORT).open(event.sealedCredential(), bindingOf(event))).isEqualTo(PASSWORD);
    assertThatThrownBy(() -> SecretBox.fromBase64Key(TestKeys.TRANSPORT).open(event.sealedCredential(),
            new CredentialBinding(tenant, id, "evil.example", event.imap().username())))
        .as("replayed towards another host").isInstanceOf(SecretBox.SecretUnreadableException.class);

    Document stored = mongoClient.getDatabase("emailsync-connections").getCollection("connections").find(new Document("_id", id)).first();
    assertThat(stored.toJson()).doesNotContain(PASSWORD);
  }

  @Test
  void refusesAWrongPasswordWithAProblemSayingWhyAndStoresNothing() {
    var refused = http.post("/connections", connectBody("not-the-password"));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("reason").asString()).isEqualTo("AUTHENTICATION_FAILED");
    assertThat(refused.json().get("detail").asString()).contains("rejected the login for sam@acme.example");
    assertThat(refused.raw()).doesNotContain("not-the-password");
    assertThat(http.get("/connections").json()).isEmpty();
  }

  /** SSRF: the names are answered by a stub resolver; the refusal comes before anything is dialled. */
  @Test
  void refusesAMailServerInsideAPrivateNetworkOrInClearBeforeDiallingItAndStoresNothing() {
    for (var imap : List.of(
        Map.of("host", "metadata.attacker.example", "port", 80, "security", "SSL", "username", "sam@acme.example", "password", PASSWORD),
        Map.of("host", "intranet.attacker.example", "port", 993, "security", "SSL", "username", "sam@acme.example", "password", PASSWORD),
        Map.of("host", "imap.provider.example", "port", 143, "security", "NONE", "username", "sam@acme.example", "password", PASSWORD))) {
      var refused = http.post("/connections", Map.of("ownerUserId", "user-1", "emailAddress", "sam@acme.example", "imap", imap));

      assertThat(refused.status()).as(imap.get("host").toString()).isEqualTo(422);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.json().get("reason").asString()).isEqualTo("HOST_NOT_ALLOWED");
      assertThat(refused.raw()).doesNotContain(PASSWORD);
    }
    assertThat(http.get("/connections").json()).isEmpty();
  }

  @Test
  void refusesATenantIdThatCannotBeOneAndOversizedFieldsBeforeCreatingAnything() {
    var badTenant = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/acme%20corp").withToken(TestIssuer.token(tenant, "user-1")).post("/connections", connectBody(PASSWORD));
    assertThat(badTenant.status()).isEqualTo(400);
    assertThat(badTenant.json().get("errors").get(0).get("field").asString()).isEqualTo("tenantId");

    var body = new java.util.HashMap<>(connectBody(PASSWORD));
    body.put("ownerUserId", "u".repeat(201));
    var oversized = http.post("/connections", body);
    assertThat(oversized.status()).isEqualTo(400);
    assertThat(oversized.json().get("errors").get(0).get("field").asString()).isEqualTo("ownerUserId");

    body.put("ownerUserId", "user-1");
    body.put("imap", Map.of("host", "127.0.0.1", "port", greenMail.getImap().getPort(), "security", "NONE", "username", "sam@acme.example",
        "password", "p".repeat(2 * 1024 * 1024)));
    var huge = http.post("/connections", body);
    assertThat(huge.status()).as("a two-megabyte password").isEqualTo(413);
    assertThat(huge.contentType()).startsWith("application/problem+json");

    assertThat(http.get("/connections").json()).isEmpty();
    assertThat(mongoClient.getDatabase("emailsync-connections").getCollection("connections").countDocuments(new Document("tenantId", "acme corp")))
        .as("the refused tenant got no connection").isZero();
  }

  @org.springframework.boot.test.context.TestConfiguration
  static class StubDns {
    @org.springframework.context.annotation.Bean
    @org.springframework.context.annotation.Primary
    com.emailsync.imap.HostGuard.Resolver stubImapHostResolver() {
      Map<String, String> answers = Map.of(
          "metadata.attacker.example", "169.254.169.254", "intranet.attacker.example", "10.0.0.1", "imap.provider.example", "198.51.100.7");
      return host -> {
        String address = answers.get(host);
        if (address == null) {
          throw new java.net.UnknownHostException(host);
        }
        return new java.net.InetAddress[] {java.net.InetAddress.ofLiteral(address)};
      };
    }
  }

  @Test
  void refusesAnIncompleteRequestNamingTheMissingFields() {
    var refused = http.post("/connections", Map.of("ownerUserId", "user-1", "emailAddress", "not-an-address"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.raw()).contains("emailAddress").contains("imap");
  }

  @Test
  void takesABackfillWindowOfDaysOrAllAndRefusesOneThatIsNeither() {
    var body = new java.util.HashMap<>(connectBody(PASSWORD));
    body.put("backfill", Map.of("days", 30));
    var created = http.post("/connections", body);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("backfill").get("days").asInt()).isEqualTo(30);
    String id = created.json().get("id").asString();
    var events = connectionsTopic.awaitEvents(ConnectionChanged.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(id)), Duration.ofSeconds(20));
    assertThat(events.stream().filter(e -> e.connectionId().equals(id)).findFirst().orElseThrow().backfill())
        .isEqualTo(ConnectionChanged.Backfill.ofDays(30));

    body.put("backfill", Map.of("all", true));
    var all = http.post("/connections", body);
    assertThat(all.status()).isEqualTo(201);
    assertThat(http.get("/connections/" + all.json().get("id").asString()).json().get("backfill").get("all").asBoolean()).isTrue();

    for (Object wrong : List.of(Map.of("all", true, "days", 30), Map.of(), Map.of("days", 0), Map.of("days", 40_000))) {
      body.put("backfill", wrong);
      var refused = http.post("/connections", body);
      assertThat(refused.status()).as("backfill %s", wrong).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.raw()).contains("backfill");
    }
    assertThat(http.get("/connections").json()).hasSize(2);
  }

  @Test
  void choosesFoldersAndRejectsOnesTheMailboxDoesNotHave() {
    String id = http.post("/connections", connectBody(PASSWORD)).json().get("id").asString();

    var unknown = http.put("/connections/" + id + "/folders", Map.of("folders", List.of("INBOX", "Customers")));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get("folders").get(0).asString()).isEqualTo("Customers");

    var none = http.put("/connections/" + id + "/folders", Map.of("folders", List.of()));
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.json().get("folders").get(0).get("selected").asBoolean()).isFalse();
    connectionsTopic.awaitEvents(ConnectionChanged.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(id) && e.folders().isEmpty()), Duration.ofSeconds(20));
  }

  @Test
  void resyncRaisesTheGenerationTheWorkersSee() {
    String id = http.post("/connections", connectBody(PASSWORD)).json().get("id").asString();

    var accepted = http.post("/connections/" + id + "/resync", null);

    assertThat(accepted.status()).isEqualTo(202);
    connectionsTopic.awaitEvents(ConnectionChanged.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(id) && e.resyncGeneration() == 1), Duration.ofSeconds(20));
  }

  @Test
  void changesThePasswordOnlyToOneTheMailServerAccepts() {
    String id = http.post("/connections", connectBody(PASSWORD)).json().get("id").asString();

    var refused = http.put("/connections/" + id + "/password", Map.of("password", "not-the-password"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.raw()).doesNotContain("not-the-password");

    greenMail.setUser("sam@acme.example", "sam@acme.example", "a-new-app-password");
    var changed = http.put("/connections/" + id + "/password", Map.of("password", "a-new-app-password"));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.raw()).doesNotContain("a-new-app-password");
    var transport = SecretBox.fromBase64Key(TestKeys.TRANSPORT);
    connectionsTopic.awaitEvents(ConnectionChanged.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(id) && transport.open(e.sealedCredential(), bindingOf(e)).equals("a-new-app-password")), Duration.ofSeconds(20));
  }

  @Test
  void publishesAStoredChangeWhosePublicationWasCutShort() {
    String id = http.post("/connections", connectBody(PASSWORD)).json().get("id").asString();
    // As if the process had died between storing a resync and publishing it.
    var connections = mongoClient.getDatabase("emailsync-connections").getCollection("connections");
    connections.updateOne(new Document("_id", id), new Document("$set", new Document("resyncGeneration", 5L)
        .append("unpublished", new Document("mark", "cut-short").append("since", Date.from(Instant.now().minus(Duration.ofMinutes(5)))))));

    connectionsTopic.awaitEvents(ConnectionChanged.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(id) && e.resyncGeneration() == 5), Duration.ofSeconds(20));
    await().atMost(Duration.ofSeconds(10)).until(() -> !connections.find(new Document("_id", id)).first().containsKey("unpublished"));
  }

  @Test
  void deletesAConnectionAndPublishesATombstone() {
    String id = http.post("/connections", connectBody(PASSWORD)).json().get("id").asString();

    assertThat(http.delete("/connections/" + id).status()).isEqualTo(204);

    var gone = http.get("/connections/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.contentType()).startsWith("application/problem+json");
    await().atMost(Duration.ofSeconds(20)).until(() -> connectionsTopic.poll().stream().anyMatch(r -> r.key().equals(id) && r.value() == null));
  }

  @Test
  void showsTheLatestSyncStatusReportedByTheWorkers() {
    String id = http.post("/connections", connectBody(PASSWORD)).json().get("id").asString();
    var codec = new EventCodec("/emailsync/sync-worker");
    Instant at = Instant.now();

    kafka.send(codec.encode(Topics.SYNC_STATUS, new SyncStatusReported(UUID.randomUUID(), at, id, tenant, SyncStatusReported.Status.AUTHENTICATION_FAILED,
        "The mail server rejected the login.", 0, null, com.emailsync.events.MailboxFailureReason.APP_PASSWORD_REQUIRED)));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var shown = http.get("/connections/" + id).json();
      assertThat(shown.get("status").asString()).isEqualTo("AUTHENTICATION_FAILED");
      assertThat(shown.get("lastSyncStatus").asString()).isEqualTo("AUTHENTICATION_FAILED");
      assertThat(shown.get("lastSyncDetail").asString()).isEqualTo("The mail server rejected the login.");
      assertThat(shown.get("lastSyncReason").asString()).isEqualTo("APP_PASSWORD_REQUIRED");
      assertThat(shown.get("lastSyncAt").isNull()).as("a sync recorded").isFalse();
      assertThat(Instant.parse(shown.get("lastSyncAt").asString())).isEqualTo(at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    });
  }

  @Test
  void showsTheCompletenessTheWorkersLastReconciliationFound() {
    String id = http.post("/connections", connectBody(PASSWORD)).json().get("id").asString();
    var codec = new EventCodec("/emailsync/sync-worker");
    Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    kafka.send(codec.encode(Topics.SYNC_STATUS, new SyncStatusReported(UUID.randomUUID(), at, id, tenant, SyncStatusReported.Status.OK, null, 3,
        new SyncStatusReported.Completeness(at, 1200, 3, 2))));
    kafka.send(codec.encode(Topics.SYNC_STATUS, new SyncStatusReported(UUID.randomUUID(), at.plusSeconds(30), id, tenant, SyncStatusReported.Status.OK, null, 0)));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      var shown = http.get("/connections/" + id).json();
      assertThat(shown.get("lastSyncAt").isNull()).as("a sync recorded").isFalse();
      assertThat(Instant.parse(shown.get("lastSyncAt").asString())).isEqualTo(at.plusSeconds(30));
      var completeness = shown.get("completeness");
      assertThat(completeness.get("percent").asDouble()).isEqualTo(99.91);
      assertThat(completeness.get("messages").asLong()).isEqualTo(1200);
      assertThat(completeness.get("missing").asLong()).isEqualTo(3);
      assertThat(completeness.get("republished").asLong()).isEqualTo(2);
      assertThat(Instant.parse(completeness.get("checkedAt").asString())).isEqualTo(at);
    });
  }

  @Test
  void everyEndpointRefusesACallWithoutATokenAndFindsNothingWithAnotherTenantsToken() {
    String id = http.post("/connections", connectBody(PASSWORD)).json().get("id").asString();
    StrangerCalls.assertRefused("http://localhost:" + port + "/api/v1/tenants/" + tenant, caller -> List.of(
        caller.get("/connections"),
        caller.get("/connections/" + id),
        caller.post("/connections", connectBody(PASSWORD)),
        caller.put("/connections/" + id + "/folders", Map.of("folders", List.of("INBOX"))),
        caller.put("/connections/" + id + "/aliases", Map.of("aliases", List.of("sales@acme.example"))),
        caller.put("/connections/" + id + "/password", Map.of("password", PASSWORD)),
        caller.post("/connections/" + id + "/resync", null),
        caller.delete("/connections/" + id)));
    assertThat(http.get("/connections").json()).as("nothing was created, changed or deleted").singleElement()
        .satisfies(connection -> assertThat(connection.get("id").asString()).isEqualTo(id));
  }

  @Test
  void aUserManagesOnlyTheirOwnConnectionsAndAnAdminEveryUsersOfTheTenant() {
    var sam = http;
    var lee = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-2"));
    var admin = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "it-admin", TestIssuer.ADMIN));
    var withoutOwner = new java.util.HashMap<>(connectBody(PASSWORD));
    withoutOwner.remove("ownerUserId");

    var samsOwn = sam.post("/connections", withoutOwner);
    assertThat(samsOwn.status()).isEqualTo(201);
    String id = samsOwn.json().get("id").asString();
    assertThat(samsOwn.json().get("ownerUserId").asString()).as("the caller, when left out").isEqualTo("user-1");

    assertThat(lee.get("/connections").json()).isEmpty();
    assertThat(lee.get("/connections/" + id).status()).isEqualTo(404);
    assertThat(lee.put("/connections/" + id + "/folders", Map.of("folders", List.of("INBOX"))).status()).isEqualTo(404);
    assertThat(lee.delete("/connections/" + id).status()).isEqualTo(404);
    var forSam = lee.post("/connections", connectBody(PASSWORD));
    assertThat(forSam.status()).as("lee connecting a mailbox as sam's").isEqualTo(403);
    assertThat(forSam.json().get("detail").asString()).contains("Only an admin");

    var forLee = new java.util.HashMap<>(connectBody(PASSWORD));
    forLee.put("ownerUserId", "user-2");
    var byAdmin = admin.post("/connections", forLee);
    assertThat(byAdmin.status()).isEqualTo(201);
    assertThat(admin.get("/connections").json()).extracting(c -> c.get("ownerUserId").asString()).containsExactlyInAnyOrder("user-1", "user-2");
    assertThat(admin.get("/connections/" + id).status()).isEqualTo(200);
    assertThat(lee.get("/connections").json()).extracting(c -> c.get("id").asString()).containsExactly(byAdmin.json().get("id").asString());
    assertThat(sam.get("/connections/" + id).status()).isEqualTo(200);
  }

  @Test
  void theActuatorListensOnItsOwnPortWhereHealthAnswersAnyoneMetricsAScraperAndTheRestOnlyAnAdmin() {
    var actuator = new JsonHttp("http://localhost:" + managementPort + "/actuator");
    assertThat(managementPort).isNotEqualTo(port);
    assertThat(new JsonHttp("http://localhost:" + port + "/actuator").get("/health/liveness").status()).as("not on the API's port").isNotEqualTo(200);

    assertThat(actuator.get("/health/liveness").status()).isEqualTo(200);
    assertThat(actuator.get("/info").status()).isEqualTo(401);
    assertThat(actuator.withToken(TestIssuer.token(tenant, "user-1")).get("/info").status()).isEqualTo(403);
    assertThat(actuator.withToken(TestIssuer.token(tenant, "it-admin", TestIssuer.ADMIN)).get("/info").status()).isEqualTo(200);
    // Prometheus's text format, not JSON: asked for as a scraper does, with the service token its client credentials
    // got it (a machine has no user, tenant or role).
    var metrics = scrape(TestIssuer.issuer().serviceToken("prometheus"));
    assertThat(metrics.statusCode()).as("Prometheus scrapes the metrics").isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds");
    assertThat(scrape(null).statusCode()).as("not for anyone").isEqualTo(401);
    assertThat(scrape(TestIssuer.issuer().serviceToken("sync-worker")).statusCode()).as("a service not listed as a scraper").isEqualTo(401);
    assertThat(scrape(TestIssuer.token(tenant, "it-admin", TestIssuer.ADMIN)).statusCode()).as("a user's token, even an admin's").isEqualTo(401);
  }

  private java.net.http.HttpResponse<String> scrape(@org.jspecify.annotations.Nullable String token) {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + managementPort + "/actuator/prometheus"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readinessChecksMongoDbAndHealthShowsKafkaAndMongoDbWithWhatTheyFoundOnlyToAnAdmin() {
    var actuator = new JsonHttp("http://localhost:" + managementPort + "/actuator");

    var readiness = actuator.get("/health/readiness");
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.json().get("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "mongo");
    assertThat(readiness.json().get("components").get("mongo").get("status").asString()).isEqualTo("UP");
    assertThat(actuator.get("/health/liveness").json().get("components").propertyNames()).containsExactly("livenessState");

    var anyone = actuator.get("/health/kafka").json();
    assertThat(anyone.get("status").asString()).isEqualTo("UP");
    assertThat(anyone.has("details")).as("what a check found is for admins").isFalse();
    var forAdmin = actuator.withToken(TestIssuer.token(tenant, "it-admin", TestIssuer.ADMIN)).get("/health").json();
    assertThat(forAdmin.get("status").asString()).as("the whole health too, on a wire-protocol store").isEqualTo("UP");
    assertThat(forAdmin.get("components").get("kafka").get("details").get("brokers").asInt()).isEqualTo(1);
    assertThat(forAdmin.get("components").get("mongo").get("status").asString()).isEqualTo("UP");
  }

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
  void noPasswordReachesALogLineAnEventInClearOrAResponse(org.springframework.boot.test.system.CapturedOutput output) {
    // Distinctive passwords, so that any copy of one, anywhere, is found.
    String first = "Pw-first-9fQ2xLr7";
    String wrong = "Pw-wrong-3kV8mZt1";
    String second = "Pw-second-6hN4wYc0";
    greenMail.setUser("sam@acme.example", "sam@acme.example", first);
    var answers = new java.util.ArrayList<JsonHttp.Response>();

    var created = http.post("/connections", connectBody(first));
    answers.add(created);
    String id = created.json().get("id").asString();
    answers.add(http.post("/connections", connectBody(wrong)));
    answers.add(http.put("/connections/" + id + "/password", Map.of("password", wrong)));
    greenMail.setUser("sam@acme.example", "sam@acme.example", second);
    answers.add(http.put("/connections/" + id + "/password", Map.of("password", second)));
    answers.add(http.post("/connections/" + id + "/resync", null));
    answers.add(http.get("/connections/" + id));
    answers.add(http.get("/connections"));
    var events = connectionsTopic.awaitEvents(ConnectionChanged.class,
        list -> list.stream().filter(e -> e.connectionId().equals(id)).count() >= 3, Duration.ofSeconds(20));

    assertThat(answers).extracting(JsonHttp.Response::status).containsExactly(201, 422, 422, 200, 202, 200, 200);
    for (String password : List.of(first, wrong, second)) {
      assertThat(answers).allSatisfy(answer -> assertThat(answer.raw()).doesNotContain(password));
      assertThat(output.getAll()).as("logs").doesNotContain(password);
      assertThat(connectionsTopic.poll()).allSatisfy(record -> {
        assertThat(new String(record.value() == null ? new byte[0] : record.value(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(password);
        record.headers().forEach(header -> assertThat(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(password));
      });
      Document stored = mongoClient.getDatabase("emailsync-connections").getCollection("connections").find(new Document("_id", id)).first();
      assertThat(stored.toJson()).as("stored").doesNotContain(password);
    }
    assertThat(events).filteredOn(e -> e.connectionId().equals(id)).last()
        .satisfies(e -> assertThat(SecretBox.fromBase64Key(TestKeys.TRANSPORT).open(e.sealedCredential(), bindingOf(e))).isEqualTo(second));
  }

  @Test
  void suggestsTheSettingsOfAKnownProviderAndSaysWhenItKnowsNone() {
    var gmail = http.get("/mail-settings?emailAddress=sam@gmail.com");
    assertThat(gmail.status()).isEqualTo(200);
    assertThat(gmail.json().get("host").asString()).isEqualTo("imap.gmail.com");
    assertThat(gmail.json().get("port").asInt()).isEqualTo(993);
    assertThat(gmail.json().get("security").asString()).isEqualTo("SSL");
    assertThat(gmail.json().get("signIn").asString()).isEqualTo("OAUTH_GOOGLE");

    // DNS is asked (on loopback, where nothing answers): no SRV, no MX, nothing to suggest.
    var unknown = http.get("/mail-settings?emailAddress=sam@unknown.example");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(unknown.json().get("detail").asString()).contains("Ask the mail provider");
    assertThat(http.get("/mail-settings?emailAddress=not-an-address").status()).isEqualTo(400);
    StrangerCalls.assertRefused("http://localhost:" + port + "/api/v1/tenants/" + tenant, caller -> List.of(caller.get("/mail-settings?emailAddress=sam@gmail.com")));
  }

  private static CredentialBinding bindingOf(ConnectionChanged event) {
    return new CredentialBinding(event.tenantId(), event.connectionId(), event.imap().host(), event.imap().username());
  }

  private Map<String, Object> connectBody(String password) {
    return Map.of(
        "ownerUserId", "user-1",
        "emailAddress", "sam@acme.example",
        "imap", Map.of("host", "127.0.0.1", "port", greenMail.getImap().getPort(), "security", "NONE", "username", "sam@acme.example", "password", password));
  }
}
