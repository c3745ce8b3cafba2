package com.emailsync.automation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.Topics;
import com.emailsync.events.net.AddressGuard;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.ServiceIntegrationTest;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.TestKeys;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end: a contact's mail fires an automation, and the firing reaches the tenant's endpoint (WireMock on
 * loopback) as a signed CloudEvent, through failures, a secret rotation, a slow neighbour and a dead letter. Host names
 * resolve through a stub, so that the SSRF refusals are proven without a packet leaving this machine.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=automation-trigger-service",
      "emailsync.secrets.at-rest-key=" + TestKeys.AT_REST,
      // The receiver runs on loopback: allowed by name (also in clear) and, for names the stub resolves there, by range.
      "emailsync.webhooks.allowed-hosts=127.0.0.1,127.0.0.0/8",
      "emailsync.webhooks.first-retry=100ms",
      "emailsync.webhooks.max-retry=300ms",
      "emailsync.webhooks.give-up-after=3s",
      "emailsync.webhooks.response-timeout=6s",
      "emailsync.webhooks.poll-interval=100ms"
    })
@ServiceIntegrationTest
@Import(WebhookIT.StubDns.class)
class WebhookIT {

  private static final WireMockServer RECEIVER = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static {
    RECEIVER.start();
  }

  /** Host names as the tests want them resolved; anything else does not resolve. */
  @TestConfiguration
  static class StubDns {
    static final Map<String, String> NAMES = new ConcurrentHashMap<>();

    @Bean
    @Primary
    AddressGuard.Resolver stubResolver() {
      return host -> {
        String address = NAMES.get(host);
        if (address == null) {
          throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.ofLiteral(address)};
      };
    }
  }

  @AfterAll
  static void stopReceiver() {
    RECEIVER.stop();
  }

  @LocalServerPort int port;
  @Autowired KafkaTemplate<String, byte[]> kafka;
  @Autowired io.micrometer.core.instrument.MeterRegistry metrics;

  private final EventCodec codec = new EventCodec("/emailsync/test");
  private final String tenant = "tenant-" + UUID.randomUUID();
  private JsonHttp http;

  @BeforeEach
  void setUp() {
    http = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "it-admin", TestIssuer.ADMIN));
    assertThat(http.post("/automations", Map.of("name", "Follow up", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true)).status()).isEqualTo(201);
  }

  @Test
  void deliversEachFiringOnceAsASignedCloudEventRetryingAnEndpointUntilItRecovers() throws Exception {
    String path = "/hooks/" + tenant;
    RECEIVER.stubFor(post(path).inScenario(tenant).whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500)).willSetStateTo("failed once"));
    RECEIVER.stubFor(post(path).inScenario(tenant).whenScenarioStateIs("failed once").willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
    RECEIVER.stubFor(post(path).inScenario(tenant).whenScenarioStateIs("up").willReturn(aResponse().withStatus(204)));
    var registered = http.post("/webhooks", Map.of("url", receiver() + path));
    assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
    String secret = registered.json().get("secret").asString();
    String endpointId = registered.json().get("id").asString();
    assertThat(secret).startsWith("whsec_");
    assertThat(http.get("/webhooks/" + endpointId).raw()).as("the secret is shown once").doesNotContain(secret);

    ContactEmailLogged mail = mail("m-hook-1@customer.example");
    // Within the trace of the mail's pass, as contact-history publishes it.
    String traceId = UUID.randomUUID().toString().replace("-", "");
    var mailsTrace = io.opentelemetry.api.trace.Span.wrap(io.opentelemetry.api.trace.SpanContext.create(
        traceId, "00f067aa0ba902b7", io.opentelemetry.api.trace.TraceFlags.getSampled(), io.opentelemetry.api.trace.TraceState.getDefault()));
    try (var ignored = mailsTrace.makeCurrent()) {
      publish(mail);
    }
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(http.get("/webhooks/" + endpointId + "/deliveries?status=DELIVERED").json()).singleElement()
            .satisfies(d -> assertThat(d.get("attempts").asInt()).isEqualTo(3)));
    // The same activity event again (a redelivery or a replay), then another mail: the first is not sent again.
    publish(mail);
    publish(mail("m-hook-2@customer.example"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(http.get("/webhooks/" + endpointId + "/deliveries?status=DELIVERED").json()).hasSize(2));

    List<LoggedRequest> received = RECEIVER.findAll(postRequestedFor(urlEqualTo(path)));
    assertThat(received).hasSize(4);
    List<LoggedRequest> first = received.subList(0, 3);
    assertThat(first).extracting(r -> r.getHeader("webhook-id")).as("one id across retries, for the receiver to dedupe").containsOnly(first.getFirst().getHeader("webhook-id"));
    for (LoggedRequest request : received) {
      assertThat(request.getHeader("Content-Type")).startsWith("application/cloudevents+json");
      assertThat(signaturesOf(request)).as("signed with the endpoint's secret").anyMatch(signature -> signature.equals(expectedSignature(request, secret)));
    }
    JsonNode event = JSON.readTree(first.getFirst().getBodyAsString());
    assertThat(event.get("specversion").asString()).isEqualTo("1.0");
    assertThat(event.get("type").asString()).isEqualTo("crm.automation.triggered.v1");
    assertThat(event.get("id").asString()).isEqualTo(first.getFirst().getHeader("webhook-id"));
    assertThat(event.get("data").get("messageId").asString()).isEqualTo("m-hook-1@customer.example");
    assertThat(event.get("data").get("tenantId").asString()).isEqualTo(tenant);
    assertThat(event.get("traceparent").asString()).as("the mail's trace, carried on to the endpoint").startsWith("00-" + traceId + "-")
        .doesNotContain("00f067aa0ba902b7");
  }

  @Test
  void onlyTheTenantsAdminsManageWebhookEndpointsWhichReceiveEveryFiring() {
    var registered = http.post("/webhooks", Map.of("url", receiver() + "/hooks/" + tenant + "/admins"));
    assertThat(registered.status()).isEqualTo(201);
    String endpointId = registered.json().get("id").asString();
    var user = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-1"));

    var refused = user.post("/webhooks", Map.of("url", receiver() + "/hooks/" + tenant + "/mine"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("detail").asString()).contains("only the tenant's admins");
    assertThat(user.get("/webhooks").status()).isEqualTo(403);
    assertThat(user.post("/webhooks/" + endpointId + "/secret-rotations", null).status()).isEqualTo(403);
    assertThat(user.delete("/webhooks/" + endpointId).status()).isEqualTo(403);
    assertThat(http.get("/webhooks").json()).extracting(e -> e.get("id").asString()).as("nothing a user asked for was done").containsExactly(endpointId);
  }

  @Test
  void aRotatedSecretSignsBesideThePreviousOneUntilThatExpires() throws Exception {
    String path = "/hooks/rotation-" + tenant;
    RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200)));
    var registered = http.post("/webhooks", Map.of("url", receiver() + path));
    String endpointId = registered.json().get("id").asString();
    String previous = registered.json().get("secret").asString();

    var rotated = http.post("/webhooks/" + endpointId + "/secret-rotations", Map.of("keepPreviousFor", "PT1H"));
    assertThat(rotated.status()).isEqualTo(200);
    String current = rotated.json().get("secret").asString();
    assertThat(current).isNotEqualTo(previous);
    assertThat(rotated.json().get("secrets")).hasSize(2);
    publish(mail("m-rotation@customer.example"));

    await().atMost(Duration.ofSeconds(20)).until(() -> !RECEIVER.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
    LoggedRequest request = RECEIVER.findAll(postRequestedFor(urlEqualTo(path))).getFirst();
    assertThat(signaturesOf(request)).hasSize(2).contains(expectedSignature(request, previous), expectedSignature(request, current));
  }

  @Test
  void refusesAnEndpointInsideAPrivateNetworkOrInClearBeforeAnyConnect() {
    StubDns.NAMES.put("metadata.test", "169.254.169.254");
    StubDns.NAMES.put("intranet.test", "10.0.0.1");
    StubDns.NAMES.put("public.test", "127.0.0.1");
    for (String url : List.of("https://metadata.test/latest/meta-data", "https://intranet.test/hooks", "http://public.test/hooks",
        "https://user:password@public.test/hooks", "https://nowhere.test/hooks", "https://10.0.0.1/hooks", "ftp://public.test/hooks")) {
      var refused = http.post("/webhooks", Map.of("url", url));
      assertThat(refused.status()).as(url).isEqualTo(400);
      assertThat(refused.contentType()).as(url).startsWith("application/problem+json");
      assertThat(refused.json().get("errors").get(0).get("field").asString()).as(url).isEqualTo("url");
      if (!url.contains("10.0.0.1")) {
        assertThat(refused.raw()).as("the internal address a name resolves to is not told").doesNotContain("169.254.169.254").doesNotContain("10.0.0.1");
      }
    }
    assertThat(http.get("/webhooks").json()).as("nothing registered").isEmpty();
  }

  @Test
  void aHostThatResolvesInsideThePrivateNetworkByDeliveryTimeIsNotCalled() {
    String path = "/hooks/rebinding-" + tenant;
    RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200)));
    StubDns.NAMES.put("rebinding-" + tenant + ".test", "127.0.0.1");
    var registered = http.post("/webhooks", Map.of("url", "https://rebinding-" + tenant + ".test:" + RECEIVER.port() + path));
    assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
    String endpointId = registered.json().get("id").asString();

    // After the check at registration, the name's DNS answer changes to an address inside the network.
    StubDns.NAMES.put("rebinding-" + tenant + ".test", "10.0.0.1");
    publish(mail("m-rebinding@customer.example"));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get("/webhooks/" + endpointId + "/deliveries").json()).singleElement()
        .satisfies(d -> assertThat(d.get("lastError").asString()).contains("private network").as("the address is not told").doesNotContain("10.0.0.1")));
    assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo(path)))).as("nothing was sent anywhere").isEmpty();
  }

  @Test
  void setsAsideADeliveryItCouldNotMakeAndRedeliversItOnRequest() {
    String path = "/hooks/down-" + tenant;
    RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(503)));
    String endpointId = http.post("/webhooks", Map.of("url", receiver() + path)).json().get("id").asString();
    publish(mail("m-dead@customer.example"));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get("/webhooks/" + endpointId + "/deliveries?status=DEAD").json())
        .singleElement().satisfies(d -> assertThat(d.get("lastError").asString()).contains("HTTP 503")));
    int attempts = RECEIVER.findAll(postRequestedFor(urlEqualTo(path))).size();
    assertThat(attempts).as("tried again and again before giving up").isGreaterThan(2);
    assertThat(metrics.get("emailsync.webhook.attempts").tag("outcome", "failed").counter().count()).isGreaterThanOrEqualTo(attempts);
    String deliveryId = http.get("/webhooks/" + endpointId + "/deliveries?status=DEAD").json().get(0).get("id").asString();

    RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(200)));
    assertThat(http.post("/webhooks/" + endpointId + "/deliveries/" + deliveryId + "/redeliver", null).status()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get("/webhooks/" + endpointId + "/deliveries?status=DELIVERED").json())
        .singleElement().satisfies(d -> assertThat(d.get("id").asString()).isEqualTo(deliveryId)));
    assertThat(http.post("/webhooks/" + endpointId + "/deliveries/" + deliveryId + "/redeliver", null).status()).as("delivered: nothing set aside")
        .isEqualTo(404);
  }

  @Test
  void anErasureUpstreamTakesTheDeliveriesAboutTheErasedEntryWithIt() {
    String path = "/hooks/erasure-" + tenant;
    RECEIVER.stubFor(post(path).willReturn(aResponse().withStatus(503)));
    String endpointId = http.post("/webhooks", Map.of("url", receiver() + path)).json().get("id").asString();
    ContactEmailLogged mail = mail("m-erased@customer.example");
    publish(mail);
    await().atMost(Duration.ofSeconds(20)).until(() -> !RECEIVER.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());

    kafka.executeInTransaction(ops -> ops.send(codec.encode(Topics.CONTACT_ACTIVITY, new com.emailsync.events.EntriesErased(UUID.randomUUID(), Instant.now(),
        tenant, "contact-carla", List.of(mail.entryId()), com.emailsync.events.EntriesErased.Reason.CONTACT_ERASURE))));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.get("/webhooks/" + endpointId + "/deliveries").json()).isEmpty());
    int attempts = RECEIVER.findAll(postRequestedFor(urlEqualTo(path))).size();
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> RECEIVER.findAll(postRequestedFor(urlEqualTo(path))).size() == attempts);
  }

  @Test
  void aSlowEndpointDelaysNoOtherTenantsDelivery() {
    String slowPath = "/hooks/slow-" + tenant;
    RECEIVER.stubFor(post(slowPath).willReturn(aResponse().withStatus(200).withFixedDelay(4_000)));
    String slowId = http.post("/webhooks", Map.of("url", receiver() + slowPath)).json().get("id").asString();
    String other = "other-" + tenant;
    var otherHttp = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + other).withToken(TestIssuer.token(other, "it-admin-2", TestIssuer.ADMIN));
    otherHttp.post("/automations", Map.of("name", "Follow up", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true));
    String fastPath = "/hooks/fast-" + other;
    RECEIVER.stubFor(post(fastPath).willReturn(aResponse().withStatus(200)));
    String fastId = otherHttp.post("/webhooks", Map.of("url", receiver() + fastPath)).json().get("id").asString();

    publish(mail("m-slow@customer.example"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !RECEIVER.findAll(postRequestedFor(urlEqualTo(slowPath))).isEmpty());
    publish(mail(other, "m-fast@customer.example"));

    // The slow endpoint is still answering (four seconds) while the other tenant's is delivered.
    await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
        assertThat(otherHttp.get("/webhooks/" + fastId + "/deliveries?status=DELIVERED").json()).hasSize(1));
    assertThat(http.get("/webhooks/" + slowId + "/deliveries?status=DELIVERED").json()).as("still waiting for the slow answer").isEmpty();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(http.get("/webhooks/" + slowId + "/deliveries?status=DELIVERED").json()).hasSize(1));
  }

  /** The receiver by the address the operator allowed (WireMock's own base URL says localhost). */
  private static String receiver() {
    return "http://127.0.0.1:" + RECEIVER.port();
  }

  private static List<String> signaturesOf(LoggedRequest request) {
    return Arrays.stream(request.getHeader("webhook-signature").split(" ")).map(s -> s.substring("v1,".length())).toList();
  }

  /** As a receiver following Standard Webhooks checks it: HMAC-SHA256 of id.timestamp.body under the secret's key. */
  private static String expectedSignature(LoggedRequest request, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
      String signed = request.getHeader("webhook-id") + "." + request.getHeader("webhook-timestamp") + "." + request.getBodyAsString();
      return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ContactEmailLogged mail(String messageId) {
    return mail(tenant, messageId);
  }

  private static ContactEmailLogged mail(String tenantId, String messageId) {
    return new ContactEmailLogged(UUID.randomUUID(), Instant.now(), "entry-" + messageId, tenantId, "contact-carla", "conn-1", EmailEvent.Direction.RECEIVED,
        ContactEmailLogged.Role.FROM, messageId, "Hello", EmailAddress.of("carla@customer.example"), Instant.now(), UUID.randomUUID(), MailOrigin.LIVE);
  }

  private void publish(ContactEmailLogged event) {
    kafka.executeInTransaction(ops -> ops.send(codec.encode(Topics.CONTACT_ACTIVITY, event)));
  }
}
