package com.emailsync.localstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.Topics;
import com.emailsync.localstack.kafka.LocalKafkaBroker;
import com.emailsync.testsupport.DovecotServer;
import com.emailsync.testsupport.EmbeddedMongo;
import com.emailsync.testsupport.FreePorts;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.TestKeys;
import com.emailsync.testsupport.TopicReader;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mailbox connected by OAuth, on the whole stack: connection-service holds the grant, the sync worker logs in to
 * Dovecot with XOAUTH2 (Dovecot asks the dev issuer about each token), and when the provider revokes the access token
 * early, the worker reports it over connection-service's internal API with its own service token, so the mailbox syncs
 * again within seconds instead of at the next scheduled renewal, an hour away. WireMock plays the provider's token
 * endpoint and keys, which cannot be reached from here.
 */
class OAuthMailboxIT {

  private static final String TENANT = "acme";
  private static final String MAILBOX = "kim@acme.example";
  private static final String PROVIDER_ISSUER = "https://accounts.provider.example";
  private static final String CLIENT_ID = "email-sync-client";

  private static final WireMockServer PROVIDER = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
  private static RSAKey signingKey;
  private static DovecotServer dovecot;
  @TempDir static Path kafkaData;
  private static LocalKafkaBroker kafka;
  private static EmbeddedMongo mongo;
  private static LocalStack stack;

  @BeforeAll
  static void start() throws Exception {
    signingKey = new RSAKeyGenerator(2048).keyID("provider-key").generate();
    PROVIDER.start();
    PROVIDER.stubFor(get("/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody(new JWKSet(signingKey.toPublicJWK()).toString())));
    dovecot = DovecotServer.start(TestIssuer.issuer().issuer() + "/introspect");
    dovecot.addUser(MAILBOX, "kims-password");
    kafka = LocalKafkaBroker.start(kafkaData, FreePorts.next(), FreePorts.next());
    mongo = EmbeddedMongo.start();
    Map<String, String> settings = new LinkedHashMap<>();
    String provider = "emailsync.oauth.providers.acmeid.";
    settings.put(provider + "authorization-uri", PROVIDER_ISSUER + "/authorize");
    settings.put(provider + "token-uri", PROVIDER.baseUrl() + "/token");
    settings.put(provider + "jwks-uri", PROVIDER.baseUrl() + "/jwks");
    settings.put(provider + "issuer", PROVIDER_ISSUER);
    settings.put(provider + "client-id", CLIENT_ID);
    settings.put(provider + "client-secret", "provider-client-secret");
    settings.put(provider + "scopes", "openid,email,mail");
    settings.put(provider + "imap-host", dovecot.host());
    settings.put(provider + "imap-port", String.valueOf(dovecot.port()));
    settings.put(provider + "imap-security", "NONE");
    settings.put("emailsync.oauth.redirect-uri", "https://crm.example/email-sync/oauth/callback");
    // A token refused right after it was obtained is renewed all the same here: this test's token is seconds old.
    settings.put("emailsync.oauth.renew-refused-token-after", "0s");
    // Every pass logs in anew (no watch, no kept session), so the revocation is met at the next pass; a refused login
    // waits an hour, so only the renewed token can bring the mailbox back within the test's patience.
    settings.put("emailsync.sync.idle", "false");
    settings.put("emailsync.sync.keep-sessions-for", "0s");
    settings.put("emailsync.sync.session-sweep", "200ms");
    settings.put("emailsync.sync.poll-interval", "1s");
    settings.put("emailsync.sync.tick", "100ms");
    settings.put("emailsync.sync.auth-failure-retry", "1h");
    stack = LocalStack.start(new LocalStack.Settings(kafka.bootstrapServers(), mongo.uri(), TestKeys.AT_REST, TestKeys.TRANSPORT, LocalStack.Ports.ANY,
        LocalStack.Auth.of(TestIssuer.issuer()), settings));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable part : new AutoCloseable[] {stack, mongo, kafka, dovecot, PROVIDER::stop}) {
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
  void aTokenRevokedEarlyIsRenewedAtTheWorkersReportAndTheMailboxSyncsAgainWithinSeconds() throws Exception {
    var api = new JsonHttp(stack.connectionServiceUrl() + "/api/v1/tenants/" + TENANT).withToken(TestIssuer.token(TENANT, "user-kim"));
    Map<String, String> asked = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    String firstToken = TestIssuer.issuer().mailboxToken(MAILBOX, Duration.ofHours(1));
    PROVIDER.stubFor(post("/token").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
        {"access_token":"%s","token_type":"Bearer","expires_in":3599,"refresh_token":"refresh-token-1","id_token":"%s"}"""
        .formatted(firstToken, idToken(asked.get("nonce"))))));
    var connected = api.post("/connections/oauth/finish", Map.of("code", "code-1", "state", asked.get("state")));
    assertThat(connected.status()).isEqualTo(201);
    String id = connected.json().get("connectionId").asString();

    try (var status = new TopicReader(kafka.bootstrapServers(), Topics.SYNC_STATUS)) {
      status.awaitEvents(SyncStatusReported.class, list -> statusesOf(list, id).contains(SyncStatusReported.Status.OK), Duration.ofSeconds(30));

      // The owner changes their password: the provider revokes the access token an hour before it expires.
      String renewedToken = TestIssuer.issuer().mailboxToken(MAILBOX, Duration.ofHours(1));
      PROVIDER.stubFor(post("/token").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
          {"access_token":"%s","token_type":"Bearer","expires_in":3599}""".formatted(renewedToken))));
      TestIssuer.issuer().revoke(firstToken);
      var refused = status.awaitEvents(SyncStatusReported.class,
          list -> statusesOf(list, id).contains(SyncStatusReported.Status.AUTHENTICATION_FAILED), Duration.ofSeconds(30));
      int refusedAt = statusesOf(refused, id).lastIndexOf(SyncStatusReported.Status.AUTHENTICATION_FAILED);
      dovecot.append(MAILBOX, "kims-password", "INBOX", """
          From: carla@customer.example
          To: %s
          Subject: After the revocation
          Message-ID: <after-revocation@customer.example>
          Date: Wed, 25 Nov 2026 10:00:00 +0000

          Still there?
          """.formatted(MAILBOX).replace("\n", "\r\n"));

      var after = status.awaitEvents(SyncStatusReported.class,
          list -> statusesOf(list, id).subList(refusedAt, statusesOf(list, id).size()).contains(SyncStatusReported.Status.OK), Duration.ofSeconds(30));
      assertThat(statusesOf(after, id).subList(refusedAt, statusesOf(after, id).size())).as("syncing again with the renewed token")
          .contains(SyncStatusReported.Status.OK);
    }
    assertThat(PROVIDER.findAll(postRequestedFor(urlEqualTo("/token"))).stream().map(r -> form(r.getBodyAsString()).get("grant_type")))
        .as("renewed by the refresh token at the worker's report: the scheduled round would wait until ten minutes before expiry")
        .containsExactly("authorization_code", "refresh_token");
    try (var messages = new TopicReader(kafka.bootstrapServers(), Topics.MESSAGES)) {
      messages.awaitEvents(com.emailsync.events.EmailReceived.class,
          list -> list.stream().anyMatch(e -> e.message().messageId().equals("after-revocation@customer.example")), Duration.ofSeconds(30));
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(api.get("/connections/" + id).json().get("lastSyncStatus").asString()).isEqualTo("OK"));
  }

  private static List<SyncStatusReported.Status> statusesOf(List<SyncStatusReported> reports, String connectionId) {
    return reports.stream().filter(r -> r.connectionId().equals(connectionId)).map(SyncStatusReported::status).toList();
  }

  private static String idToken(String nonce) throws Exception {
    var claims = new JWTClaimsSet.Builder().issuer(PROVIDER_ISSUER).audience(CLIENT_ID).subject("1234567890").claim("email", MAILBOX)
        .claim("email_verified", true).claim("nonce", nonce).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
        .build();
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(signingKey));
    return jwt.serialize();
  }

  private static Map<String, String> query(String url) {
    return form(URI.create(url).getRawQuery());
  }

  private static Map<String, String> form(String encoded) {
    return Arrays.stream(encoded.split("&")).map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
  }
}
