package com.emailsync.connection.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.devissuer.LoopbackIssuer;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapAuth;
import com.emailsync.events.internal.AccessTokenRejection;
import com.emailsync.events.Topics;
import com.emailsync.events.secrets.CredentialBinding;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.testsupport.DovecotServer;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.ServiceIntegrationTest;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.TestKeys;
import com.emailsync.testsupport.TopicReader;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.mongodb.client.MongoClient;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Connecting a mailbox by OAuth end to end: the start over the API, the provider (WireMock: its token endpoint and
 * published keys) sending the user back with a code, the ID token checked, and the mailbox listed on a real Dovecot
 * over XOAUTH2 with the access token, which Dovecot checks by introspection at an OAuth server on loopback.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=connection-service",
      "emailsync.secrets.at-rest-key=" + TestKeys.AT_REST,
      "emailsync.secrets.transport-key=" + TestKeys.TRANSPORT
    })
@ServiceIntegrationTest
class OAuthConnectIT {

  private static final String ISSUER = "https://accounts.provider.example";
  private static final String CLIENT_ID = "email-sync-client";
  private static final String MAILBOX = "kim@acme.example";

  private static final LoopbackIssuer ACCESS_TOKENS = LoopbackIssuer.start(0);
  private static final DovecotServer DOVECOT = DovecotServer.start(ACCESS_TOKENS.issuer() + "/introspect");
  private static final WireMockServer PROVIDER = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
  private static final RSAKey SIGNING_KEY = newKey();

  static {
    PROVIDER.start();
    DOVECOT.addUser(MAILBOX, "kims-password");
    PROVIDER.stubFor(get("/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody(new JWKSet(SIGNING_KEY.toPublicJWK()).toString())));
  }

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    String prefix = "emailsync.oauth.providers.acmeid.";
    registry.add("emailsync.oauth.redirect-uri", () -> "https://crm.example/email-sync/oauth/callback");
    registry.add(prefix + "authorization-uri", () -> ISSUER + "/authorize");
    registry.add(prefix + "token-uri", () -> PROVIDER.baseUrl() + "/token");
    registry.add(prefix + "jwks-uri", () -> PROVIDER.baseUrl() + "/jwks");
    registry.add(prefix + "issuer", () -> ISSUER);
    registry.add(prefix + "client-id", () -> CLIENT_ID);
    registry.add(prefix + "client-secret", () -> "client-secret-never-logged");
    registry.add(prefix + "scopes", () -> "openid,email,mail");
    registry.add(prefix + "authorization-parameters.access_type", () -> "offline");
    registry.add(prefix + "imap-host", () -> "127.0.0.1");
    registry.add(prefix + "imap-port", DOVECOT::port);
    registry.add(prefix + "imap-security", () -> "NONE");
    registry.add(prefix + "reconsent-after", () -> "180d");
    // As Microsoft's common endpoints: one entry for every customer's organisation, its issuer named by the token's tid.
    String multi = "emailsync.oauth.providers.multiorg.";
    registry.add(multi + "authorization-uri", () -> "https://login.provider.example/common/authorize");
    registry.add(multi + "token-uri", () -> PROVIDER.baseUrl() + "/token");
    registry.add(multi + "jwks-uri", () -> PROVIDER.baseUrl() + "/jwks");
    registry.add(multi + "issuer", () -> "https://login.provider.example/{tenantid}/v2.0");
    registry.add(multi + "client-id", () -> CLIENT_ID);
    registry.add(multi + "client-secret", () -> "client-secret-never-logged");
    registry.add(multi + "scopes", () -> "openid,email,offline_access");
    registry.add(multi + "imap-host", () -> "127.0.0.1");
    registry.add(multi + "imap-port", DOVECOT::port);
    registry.add(multi + "imap-security", () -> "NONE");
  }

  @AfterAll
  static void stop() {
    PROVIDER.stop();
    DOVECOT.close();
    ACCESS_TOKENS.close();
  }

  @LocalServerPort int port;
  @Autowired MongoClient mongo;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  private final String tenant = "tenant-" + UUID.randomUUID();
  private JsonHttp api;
  private TopicReader connections;

  @BeforeEach
  void setUp() {
    PROVIDER.resetRequests();
    api = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-kim"));
    connections = new TopicReader(brokers, Topics.CONNECTIONS);
  }

  @AfterEach
  void closeReader() {
    connections.close();
  }

  @Test
  void connectsTheMailboxTheIdTokenNamesAndSyncsItWithTheAccessTokenSealed() throws Exception {
    var started = api.get("/connections/oauth/acmeid/start");
    assertThat(started.status()).isEqualTo(200);
    Map<String, String> asked = query(started.json().get("authorizationUrl").asString());
    assertThat(asked).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
        .containsEntry("redirect_uri", "https://crm.example/email-sync/oauth/callback").containsEntry("code_challenge_method", "S256")
        .containsEntry("scope", "openid email mail").containsEntry("access_type", "offline").containsKeys("state", "nonce", "code_challenge");
    String accessToken = ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1));
    grantWith(accessToken, idToken(asked.get("nonce"), SIGNING_KEY));

    var connected = finish(api, "code-1", asked.get("state"));

    assertThat(connected.status()).isEqualTo(201);
    assertThat(connected.json().get("emailAddress").asString()).isEqualTo(MAILBOX);
    assertThat(connected.json().get("ownerUserId").asString()).isEqualTo("user-kim");
    assertThat(connected.raw()).doesNotContain(accessToken).doesNotContain("refresh-token-1");
    String id = connected.json().get("connectionId").asString();
    // PKCE: the verifier sent with the code is the one whose S256 challenge went to the browser.
    var tokenRequest = PROVIDER.findAll(postRequestedFor(urlEqualTo("/token"))).getFirst();
    Map<String, String> sent = form(tokenRequest.getBodyAsString());
    assertThat(sent).containsEntry("grant_type", "authorization_code").containsEntry("code", "code-1");
    assertThat(OAuthConnections.challenge(sent.get("code_verifier"))).isEqualTo(asked.get("code_challenge"));
    assertThat(tokenRequest.getHeader("Authorization")).startsWith("Basic ");

    var shown = api.get("/connections/" + id).json();
    assertThat(shown.get("imap").get("auth").asString()).isEqualTo("XOAUTH2");
    assertThat(shown.get("imap").get("username").asString()).isEqualTo(MAILBOX);
    assertThat(shown.get("folders")).as("listed over XOAUTH2").extracting(f -> f.get("name").asString()).contains("INBOX", "Sent");
    var events = connections.awaitEvents(ConnectionChanged.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(id)), Duration.ofSeconds(20));
    ConnectionChanged event = events.stream().filter(e -> e.connectionId().equals(id)).findFirst().orElseThrow();
    assertThat(event.imap().auth()).isEqualTo(ImapAuth.XOAUTH2);
    assertThat(SecretBox.fromBase64Key(TestKeys.TRANSPORT).open(event.sealedCredential(),
        new CredentialBinding(tenant, id, event.imap().host(), MAILBOX))).isEqualTo(accessToken);
    Document stored = mongo.getDatabase("emailsync-connections").getCollection("connections").find(new Document("_id", id)).first();
    assertThat(stored.toJson()).doesNotContain(accessToken).doesNotContain("refresh-token-1");
    assertThat(stored.get("oauth", Document.class).getString("provider")).isEqualTo("acmeid");
    assertThat(DOVECOT.loginMethodsOf(MAILBOX)).contains("XOAUTH2");

    var password = api.put("/connections/" + id + "/password", Map.of("password", "kims-password"));
    assertThat(password.status()).as("an OAuth mailbox has no password to change").isEqualTo(409);

    var again = finish(api, "code-1", asked.get("state"));
    assertThat(again.status()).as("a state is good once").isEqualTo(400);
    assertThat(again.contentType()).startsWith("application/problem+json");
  }

  @Autowired OAuthConnections oauth;

  @Test
  @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
  void renewsAnAccessTokenBeforeItExpiresAndAsksTheOwnerToSignInAgainOnceTheGrantIsRevoked(org.springframework.boot.test.system.CapturedOutput output)
      throws Exception {
    Map<String, String> asked = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    String firstToken = ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1));
    String firstIdToken = idToken(asked.get("nonce"), SIGNING_KEY);
    grantWith(firstToken, firstIdToken);
    String id = finish(api, "c", asked.get("state")).json().get("connectionId").asString();

    // The provider rotates the refresh token with the access token, as Microsoft does.
    String renewedToken = ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(2));
    PROVIDER.stubFor(post("/token").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
        {"access_token":"%s","token_type":"Bearer","expires_in":3599,"refresh_token":"refresh-token-2"}""".formatted(renewedToken))));
    // Every connection of the service whose token is due is renewed (the other tests' too): this one among them.
    assertThat(oauth.refreshDue(Duration.ofHours(2), 100)).as("due within the next two hours").isPositive();

    Map<String, String> refreshed = form(PROVIDER.findAll(postRequestedFor(urlEqualTo("/token"))).getLast().getBodyAsString());
    assertThat(refreshed).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "refresh-token-1");
    connections.awaitEvents(ConnectionChanged.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(id)
        && SecretBox.fromBase64Key(TestKeys.TRANSPORT).open(e.sealedCredential(), new CredentialBinding(tenant, id, e.imap().host(), MAILBOX)).equals(renewedToken)),
        Duration.ofSeconds(20));
    assertThat(oauth.refreshDue(Duration.ofMinutes(30), 100)).as("renewed: not due again for two hours").isZero();

    PROVIDER.stubFor(post("/token").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));
    oauth.refreshDue(Duration.ofHours(3), 100);

    assertThat(form(PROVIDER.findAll(postRequestedFor(urlEqualTo("/token"))).getLast().getBodyAsString()))
        .as("the rotated refresh token is the one used next").containsEntry("refresh_token", "refresh-token-2");
    assertThat(api.get("/connections/" + id).json().get("status").asString()).isEqualTo("REAUTH_REQUIRED");
    var stopped = connections.awaitEvents(ConnectionChanged.class,
        list -> list.stream().anyMatch(e -> e.connectionId().equals(id) && !e.enabled()), Duration.ofSeconds(20));
    assertThat(stopped).filteredOn(e -> e.connectionId().equals(id)).last().satisfies(e -> assertThat(e.enabled()).as("the workers stop").isFalse());
    try (var status = new TopicReader(brokers, Topics.SYNC_STATUS)) {
      var notices = status.awaitEvents(com.emailsync.events.ConnectionNeedsReauth.class, list -> list.stream().anyMatch(n -> n.connectionId().equals(id)),
          Duration.ofSeconds(20));
      assertThat(notices).filteredOn(n -> n.connectionId().equals(id)).singleElement().satisfies(n -> {
        assertThat(n.emailAddress()).isEqualTo(MAILBOX);
        assertThat(n.ownerUserId()).isEqualTo("user-kim");
        assertThat(n.provider()).isEqualTo("acmeid");
        assertThat(n.detail()).contains("invalid_grant").contains("Sign in with acmeid again");
      });
    }
    assertThat(oauth.refreshDue(Duration.ofHours(3), 100)).as("waiting for its owner: not tried again").isZero();

    // The owner signs in again: the same connection, syncing again.
    Map<String, String> again = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    String fresh = ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1));
    grantWith(fresh, idToken(again.get("nonce"), SIGNING_KEY));
    var reconnected = finish(api, "c2", again.get("state"));
    assertThat(reconnected.json().get("connectionId").asString()).isEqualTo(id);
    assertThat(api.get("/connections/" + id).json().get("status").asString()).isEqualTo("CONNECTED");
    connections.awaitEvents(ConnectionChanged.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(id) && e.enabled()
        && SecretBox.fromBase64Key(TestKeys.TRANSPORT).open(e.sealedCredential(), new CredentialBinding(tenant, id, e.imap().host(), MAILBOX)).equals(fresh)),
        Duration.ofSeconds(20));
    // Through connect, refresh, rotation, revocation and a new sign-in, no token and no client secret was logged.
    for (String secret : List.of(firstToken, firstIdToken, renewedToken, fresh, "refresh-token-1", "refresh-token-2", "client-secret-never-logged")) {
      assertThat(output.getAll()).as("a secret in the log").doesNotContain(secret);
    }
  }

  @Test
  void aTokenAWorkerReportsRefusedIsRenewedAtOnceAskedWithItsServiceTokenOnlyAndNeverTwiceForOneToken() throws Exception {
    Map<String, String> asked = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    String firstToken = ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1));
    grantWith(firstToken, idToken(asked.get("nonce"), SIGNING_KEY));
    String id = finish(api, "c", asked.get("state")).json().get("connectionId").asString();
    String path = "/internal/v1/tenants/" + tenant + "/connections/" + id + "/access-token-rejections";
    Map<String, String> report = Map.of("tokenFingerprint", AccessTokenRejection.fingerprint(firstToken));
    var worker = new JsonHttp("http://localhost:" + port).withToken(TestIssuer.issuer().serviceToken("sync-worker"));

    assertThat(new JsonHttp("http://localhost:" + port).post(path, report).status()).as("no token").isEqualTo(401);
    assertThat(new JsonHttp("http://localhost:" + port).withToken(TestIssuer.token(tenant, "user-kim", TestIssuer.ADMIN)).post(path, report).status())
        .as("the owner's, even an admin's, user token").isEqualTo(401);
    assertThat(new JsonHttp("http://localhost:" + port).withToken(TestIssuer.issuer().serviceToken("billing-job")).post(path, report).status())
        .as("a service that is not a listed caller").isEqualTo(401);
    assertThat(worker.post(path, report).json().get("outcome").asString())
        .as("obtained moments ago: the mailbox refuses the account, not the token").isEqualTo("RENEWED_RECENTLY");
    assertThat(PROVIDER.findAll(postRequestedFor(urlEqualTo("/token")))).as("only the sign-in's code exchange").hasSize(1);

    // Ten minutes on, the mail server refuses the token (revoked early, the password changed).
    mongo.getDatabase("emailsync-connections").getCollection("connections").updateOne(new Document("_id", id),
        new Document("$set", new Document("oauth.accessTokenObtainedAt", Date.from(Instant.now().minus(Duration.ofMinutes(10))))));
    String renewedToken = ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1));
    PROVIDER.stubFor(post("/token").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
        {"access_token":"%s","token_type":"Bearer","expires_in":3599}""".formatted(renewedToken))));
    var renewed = worker.post(path, report);

    assertThat(renewed.status()).isEqualTo(200);
    assertThat(renewed.json().get("outcome").asString()).isEqualTo("RENEWED");
    assertThat(renewed.raw()).doesNotContain(renewedToken).doesNotContain(firstToken);
    connections.awaitEvents(ConnectionChanged.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(id)
        && SecretBox.fromBase64Key(TestKeys.TRANSPORT).open(e.sealedCredential(), new CredentialBinding(tenant, id, e.imap().host(), MAILBOX)).equals(renewedToken)),
        Duration.ofSeconds(20));
    int tokenRequests = PROVIDER.findAll(postRequestedFor(urlEqualTo("/token"))).size();
    assertThat(worker.post(path, report).json().get("outcome").asString()).as("a second worker's report of the old token")
        .isEqualTo("ALREADY_RENEWED");
    assertThat(PROVIDER.findAll(postRequestedFor(urlEqualTo("/token")))).as("not renewed twice").hasSize(tokenRequests);
    var unknown = worker.post("/internal/v1/tenants/" + tenant + "/connections/no-such-connection/access-token-rejections", report);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
  }

  @Test
  void announcesTheComingReconsentOncePerSignInTwoWeeksAheadAndSigningInAgainCountsAfresh() throws Exception {
    Map<String, String> asked = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    grantWith(ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1)), idToken(asked.get("nonce"), SIGNING_KEY));
    String id = finish(api, "c", asked.get("state")).json().get("connectionId").asString();
    var signedIn = api.get("/connections/" + id).json().get("oauth");
    Instant signedInAt = Instant.parse(signedIn.get("signedInAt").asString());
    assertThat(signedIn.get("provider").asString()).isEqualTo("acmeid");
    assertThat(Instant.parse(signedIn.get("reauthDueAt").asString())).isEqualTo(signedInAt.plus(Duration.ofDays(180)));
    oauth.announceReauthDue(Duration.ofDays(14), 1000);

    // 170 days on: the provider asks for consent again in ten days.
    Instant longAgo = signedInAt.minus(Duration.ofDays(170));
    Instant dueAt = longAgo.plus(Duration.ofDays(180));
    mongo.getDatabase("emailsync-connections").getCollection("connections").updateOne(new Document("_id", id), new Document("$set",
        new Document("oauth.signedInAt", Date.from(longAgo)).append("oauth.reauthDueAt", Date.from(dueAt))));
    assertThat(oauth.announceReauthDue(Duration.ofDays(14), 1000)).isPositive();
    oauth.announceReauthDue(Duration.ofDays(14), 1000);

    try (var status = new TopicReader(brokers, Topics.SYNC_STATUS)) {
      var notices = status.awaitEvents(com.emailsync.events.ConnectionReauthDue.class, list -> list.stream().anyMatch(n -> n.connectionId().equals(id)),
          Duration.ofSeconds(20));
      assertThat(notices).filteredOn(n -> n.connectionId().equals(id)).as("once, the first round of the ten days only").singleElement().satisfies(n -> {
        assertThat(n.reauthDueAt()).isEqualTo(dueAt);
        assertThat(n.signedInAt()).isEqualTo(longAgo);
        assertThat(n.ownerUserId()).isEqualTo("user-kim");
        assertThat(n.emailAddress()).isEqualTo(MAILBOX);
        assertThat(n.provider()).isEqualTo("acmeid");
        assertThat(n.detail()).contains("sign in with acmeid again before " + dueAt.toString().substring(0, 10));
      });
    }
    assertThat(api.get("/connections/" + id).json().get("oauth").get("reauthAnnouncedAt").isNull()).isFalse();

    Map<String, String> again = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    grantWith(ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1)), idToken(again.get("nonce"), SIGNING_KEY));
    assertThat(finish(api, "c2", again.get("state")).json().get("connectionId").asString()).isEqualTo(id);

    var renewed = api.get("/connections/" + id).json().get("oauth");
    assertThat(Instant.parse(renewed.get("reauthDueAt").asString())).as("counted from the new sign-in").isAfter(Instant.now().plus(Duration.ofDays(179)));
    assertThat(renewed.get("reauthAnnouncedAt").isNull()).isTrue();
  }

  @Test
  void connectsTheMailboxAMicrosoftStyleIdTokenNamesInPreferredUsernameAndRefusesAnUnverifiedAddress() throws Exception {
    Map<String, String> asked = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    grantWith(ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1)), microsoftIdToken(asked.get("nonce"), null));

    var connected = finish(api, "c", asked.get("state"));

    assertThat(connected.status()).as(connected.raw()).isEqualTo(201);
    assertThat(connected.json().get("emailAddress").asString()).isEqualTo(MAILBOX);
    assertThat(api.get("/connections/" + connected.json().get("connectionId").asString()).json().get("imap").get("username").asString()).isEqualTo(MAILBOX);

    Map<String, String> unverified = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    grantWith(ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1)), microsoftIdToken(unverified.get("nonce"), false));
    var refused = finish(api, "c2", unverified.get("state"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("detail").asString()).contains("not verified");
  }

  @Test
  void oneMultiOrganisationProviderTakesEachOrganisationsOwnIssuerAndNoOtherOne() throws Exception {
    String contoso = "9188040d-6c67-4c5b-b112-36a304b66dad";
    String fabrikam = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    Map<String, String> asked = query(api.get("/connections/oauth/multiorg/start").json().get("authorizationUrl").asString());
    grantWith(ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1)), organisationIdToken(asked.get("nonce"), contoso, contoso));
    assertThat(finish(api, "c", asked.get("state")).status()).isEqualTo(201);

    Map<String, String> forged = query(api.get("/connections/oauth/multiorg/start").json().get("authorizationUrl").asString());
    grantWith(ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1)), organisationIdToken(forged.get("nonce"), fabrikam, contoso));
    var refused = finish(api, "c2", forged.get("state"));
    assertThat(refused.status()).as("an issuer of another organisation than the token's tid").isEqualTo(400);
    assertThat(refused.json().get("detail").asString()).contains("iss");
  }

  @Test
  void aProviderThatIsDownOrSlowsUsDownIsTriedAgainLaterNeverMistakenForARevokedGrant() throws Exception {
    Map<String, String> asked = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    String firstToken = ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1));
    grantWith(firstToken, idToken(asked.get("nonce"), SIGNING_KEY));
    String id = finish(api, "c", asked.get("state")).json().get("connectionId").asString();

    for (var answer : java.util.List.of(
        aResponse().withStatus(429).withHeader("Retry-After", "30").withBody("{\"error\":\"rate_limit_exceeded\"}"),
        aResponse().withStatus(503).withBody("upstream unavailable"),
        aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody("{\"error\":\"server_error\"}"))) {
      PROVIDER.stubFor(post("/token").willReturn(answer));
      oauth.refreshDue(Duration.ofHours(2), 100);

      var shown = api.get("/connections/" + id).json();
      assertThat(shown.get("status").asString()).as("still connected: tried again later").isNotEqualTo("REAUTH_REQUIRED");
      // The claim runs out, so the next round may try again; here the test lets it by moving past it.
      mongo.getDatabase("emailsync-connections").getCollection("connections")
          .updateOne(new Document("_id", id), new Document("$unset", new Document("oauth.refreshingUntil", "")));
    }
    assertThat(PROVIDER.findAll(postRequestedFor(urlEqualTo("/token"))).stream()
        .filter(r -> form(r.getBodyAsString()).getOrDefault("grant_type", "").equals("refresh_token"))).as("each round asked again").hasSizeGreaterThanOrEqualTo(3);
    connections.poll();
    assertThat(connections.events(ConnectionChanged.class)).filteredOn(e -> e.connectionId().equals(id)).allSatisfy(e -> assertThat(e.enabled()).isTrue());
  }

  @Test
  void refusesAnIdTokenOfAnotherSignInOrSignerATamperedStateAndADeniedGrantConnectingNothing() throws Exception {
    String accessToken = ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1));

    Map<String, String> wrongNonce = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    grantWith(accessToken, idToken("another-sign-in", SIGNING_KEY));
    var refusedNonce = finish(api, "c", wrongNonce.get("state"));

    Map<String, String> forged = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    grantWith(accessToken, idToken(forged.get("nonce"), newKey()));
    var refusedSigner = finish(api, "c", forged.get("state"));

    Map<String, String> tampered = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    String[] parts = tampered.get("state").split("\\.");
    var refusedState = finish(api, "c", parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2]);
    var denied = api.post("/connections/oauth/finish", Map.of("error", "access_denied", "state", tampered.get("state")));

    assertThat(refusedNonce.status()).isEqualTo(400);
    assertThat(refusedNonce.json().get("detail").asString()).contains("nonce");
    assertThat(refusedSigner.status()).isEqualTo(400);
    assertThat(refusedState.status()).isEqualTo(400);
    assertThat(denied.status()).isEqualTo(400);
    assertThat(denied.json().get("detail").asString()).contains("access_denied");
    assertThat(api.get("/connections").json()).as("nothing connected").isEmpty();
  }

  @Test
  void aSignInFinishesOnlyForTheUserWhoStartedItNeverForWhoeverHoldsItsCodeAndState() throws Exception {
    // An attacker starts a sign-in and sends its link to a victim, who consents; the attacker then holds a code and a
    // state, but finishing needs the starter's token: the victim's mailbox goes to nobody's account.
    Map<String, String> asked = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    grantWith(ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1)), idToken(asked.get("nonce"), SIGNING_KEY));
    var colleague = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-lee"));
    var otherTenant = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/globex").withToken(TestIssuer.token("globex", "user-kim"));

    var byColleague = finish(colleague, "c", asked.get("state"));
    Map<String, String> again = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    grantWith(ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1)), idToken(again.get("nonce"), SIGNING_KEY));
    var byOtherTenant = finish(otherTenant, "c", again.get("state"));

    assertThat(byColleague.status()).isEqualTo(400);
    assertThat(byColleague.json().get("detail").asString()).contains("started by another user");
    assertThat(byOtherTenant.status()).as("another tenant's path is not even reached").isIn(400, 404);
    assertThat(api.get("/connections").json()).isEmpty();
    assertThat(new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).post("/connections/oauth/finish", Map.of("code", "c", "state", "s")).status())
        .as("finishing needs a token").isEqualTo(401);

    // A colleague who got hold of the code and state can neither use nor spend the owner's sign-in.
    Map<String, String> third = query(api.get("/connections/oauth/acmeid/start").json().get("authorizationUrl").asString());
    grantWith(ACCESS_TOKENS.mailboxToken(MAILBOX, Duration.ofHours(1)), idToken(third.get("nonce"), SIGNING_KEY));
    assertThat(finish(colleague, "c3", third.get("state")).status()).isEqualTo(400);
    assertThat(finish(api, "c3", third.get("state")).status()).as("the owner finishes it all the same").isEqualTo(201);
  }

  @Test
  void anUnknownProviderIsNotFoundAndStartingNeedsTheUsersToken() {
    assertThat(api.get("/connections/oauth/nowhere/start").status()).isEqualTo(404);
    assertThat(new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).get("/connections/oauth/acmeid/start").status()).isEqualTo(401);
  }

  /** The CRM hands on what the provider sent its page, with its user's bearer token. */
  private static JsonHttp.Response finish(JsonHttp as, String code, String state) {
    return as.post("/connections/oauth/finish", Map.of("code", code, "state", state));
  }

  /** The provider's token endpoint answers the next code exchange with these tokens. */
  private static void grantWith(String accessToken, String idToken) {
    PROVIDER.stubFor(post("/token").willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
        {"access_token":"%s","token_type":"Bearer","expires_in":3599,"refresh_token":"refresh-token-1","id_token":"%s"}"""
        .formatted(accessToken, idToken))));
  }

  private static String idToken(String nonce, RSAKey key) throws Exception {
    return signed(new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT_ID).subject("1234567890").claim("email", MAILBOX)
        .claim("email_verified", true).claim("nonce", nonce).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
        .build(), key);
  }

  /** As Microsoft's v2 endpoint signs one: the mailbox in preferred_username, no email unless configured, a tenant id. */
  private static String microsoftIdToken(String nonce, @org.jspecify.annotations.Nullable Boolean emailVerified) throws Exception {
    var claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT_ID).subject("AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ")
        .claim("preferred_username", MAILBOX).claim("tid", "9188040d-6c67-4c5b-b112-36a304b66dad").claim("ver", "2.0").claim("nonce", nonce)
        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
    if (emailVerified != null) {
      claims.claim("email", MAILBOX).claim("email_verified", emailVerified);
    }
    return signed(claims.build(), SIGNING_KEY);
  }

  private static String organisationIdToken(String nonce, String issuerTenant, String tid) throws Exception {
    return signed(new JWTClaimsSet.Builder().issuer("https://login.provider.example/" + issuerTenant + "/v2.0").audience(CLIENT_ID).subject("abc")
        .claim("tid", tid).claim("preferred_username", MAILBOX).claim("nonce", nonce).issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build(), SIGNING_KEY);
  }

  private static String signed(JWTClaimsSet claims, RSAKey key) throws Exception {
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(SIGNING_KEY.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).keyID("provider-key").generate();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String url) {
    return form(URI.create(url).getRawQuery());
  }

  private static Map<String, String> form(String encoded) {
    return Arrays.stream(encoded.split("&")).map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
  }
}
