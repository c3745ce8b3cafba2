package com.emailsync.connection.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.testsupport.DovecotServer;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.ServiceIntegrationTest;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.TestKeys;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole authorization code flow against a real OpenID Connect server in-process (mock-oauth2-server): its
 * discovery-described endpoints, its sign-in answering the browser with a redirect, its code exchange checking the PKCE
 * verifier, its signed ID token carrying the nonce; then Dovecot accepts the access token it issued by asking that same
 * server (RFC 7662 introspection), so the mailbox is listed over XOAUTH2.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=connection-service",
      "emailsync.secrets.at-rest-key=" + TestKeys.AT_REST,
      "emailsync.secrets.transport-key=" + TestKeys.TRANSPORT
    })
@ServiceIntegrationTest
class OidcCodeFlowIT {

  private static final String ISSUER_ID = "acme-idp";
  private static final String MAILBOX = "lee@acme.example";
  private static final String REDIRECT_URI = "https://crm.example/email-sync/oauth/callback";
  private static final MockOAuth2Server OIDC = new MockOAuth2Server();
  private static final DovecotServer DOVECOT;

  static {
    try {
      OIDC.start(InetAddress.getLoopbackAddress(), 0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    // The server wants its introspection callers authenticated: Dovecot sends the URL's credentials as Basic.
    URI introspect = URI.create(OIDC.url(ISSUER_ID + "/introspect").toString());
    DOVECOT = DovecotServer.start("http://dovecot:introspection-secret@" + introspect.getAuthority() + introspect.getPath(), "", "sub");
    DOVECOT.addUser(MAILBOX, "lees-password");
  }

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    String prefix = "emailsync.oauth.providers.acmeidp.";
    registry.add("emailsync.oauth.redirect-uri", () -> REDIRECT_URI);
    registry.add(prefix + "authorization-uri", () -> OIDC.authorizationEndpointUrl(ISSUER_ID).toString());
    registry.add(prefix + "token-uri", () -> OIDC.tokenEndpointUrl(ISSUER_ID).toString());
    registry.add(prefix + "jwks-uri", () -> OIDC.jwksUrl(ISSUER_ID).toString());
    registry.add(prefix + "issuer", () -> OIDC.issuerUrl(ISSUER_ID).toString());
    registry.add(prefix + "client-id", () -> "email-sync");
    registry.add(prefix + "client-secret", () -> "client-secret");
    registry.add(prefix + "scopes", () -> "openid,email,offline_access");
    registry.add(prefix + "imap-host", () -> "127.0.0.1");
    registry.add(prefix + "imap-port", DOVECOT::port);
    registry.add(prefix + "imap-security", () -> "NONE");
  }

  @AfterAll
  static void stop() {
    DOVECOT.close();
    OIDC.shutdown();
  }

  @LocalServerPort int port;

  @Test
  void signsInAtARealOidcServerAndListsTheMailboxWithTheAccessTokenItIssued() throws Exception {
    String tenant = "tenant-" + UUID.randomUUID();
    var api = new JsonHttp("http://localhost:" + port + "/api/v1/tenants/" + tenant).withToken(TestIssuer.token(tenant, "user-lee"));
    // The account that signs in: its subject and address go into the ID token and the access token.
    OIDC.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, MAILBOX, "JWT", List.of("imap"), Map.of("email", MAILBOX, "email_verified", true), 3600));

    String authorizationUrl = api.get("/connections/oauth/acmeidp/start").json().get("authorizationUrl").asString();
    // The browser at the provider: it signs in and is sent back to the CRM's page with a code and the state.
    HttpResponse<Void> signedIn = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        .send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(), HttpResponse.BodyHandlers.discarding());
    String backTo = signedIn.headers().firstValue("Location").orElseThrow();
    assertThat(backTo).startsWith(REDIRECT_URI);
    Map<String, String> answer = query(backTo);

    var connected = api.post("/connections/oauth/finish", Map.of("code", answer.get("code"), "state", answer.get("state")));

    assertThat(connected.status()).as(connected.raw()).isEqualTo(201);
    assertThat(connected.json().get("emailAddress").asString()).isEqualTo(MAILBOX);
    String id = connected.json().get("connectionId").asString();
    var shown = api.get("/connections/" + id).json();
    assertThat(shown.get("imap").get("auth").asString()).isEqualTo("XOAUTH2");
    assertThat(shown.get("folders")).as("listed over XOAUTH2 with the server's token").extracting(f -> f.get("name").asString()).contains("INBOX");
    assertThat(DOVECOT.loginMethodsOf(MAILBOX)).containsOnly("XOAUTH2");
  }

  private static Map<String, String> query(String url) {
    return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8), p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
  }
}
