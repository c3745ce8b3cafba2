package com.emailsync.devissuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackIssuerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void signsTokensThatItsPublishedKeysVerifyAndAForgeryTheyDoNot() throws Exception {
    try (var issuer = LoopbackIssuer.start(0)) {
      JWKSet keys = JWKSet.parse(get(issuer.jwksUri()));
      var verifier = new RSASSAVerifier((RSAKey) keys.getKeys().getFirst());

      SignedJWT token = SignedJWT.parse(issuer.token("acme", "sam", "emailsync-admin"));
      SignedJWT forged = SignedJWT.parse(issuer.forgedToken("acme", "sam"));

      assertThat(token.verify(verifier)).isTrue();
      assertThat(forged.verify(verifier)).isFalse();
      assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuer());
      assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("sam");
      assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(LoopbackIssuer.API_AUDIENCE);
      assertThat(token.getJWTClaimsSet().getStringClaim(LoopbackIssuer.TENANT_CLAIM)).isEqualTo("acme");
      assertThat(token.getJWTClaimsSet().getStringListClaim(LoopbackIssuer.ROLES_CLAIM)).containsExactly("emailsync-admin");
      assertThat(get(issuer.issuer() + "/.well-known/openid-configuration")).contains("\"jwks_uri\":\"" + issuer.jwksUri() + "\"");
    }
  }

  @Test
  void itsTokenEndpointHandsOutATokenForATenantAndUserAndRefusesOneWithoutATenant() throws Exception {
    try (var issuer = LoopbackIssuer.start(0)) {
      var answer = post(issuer.issuer() + "/token", "tenant_id=acme&sub=lee&roles=emailsync-admin");
      var refused = post(issuer.issuer() + "/token", "sub=lee");

      assertThat(answer.statusCode()).isEqualTo(200);
      String token = answer.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
      assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim(LoopbackIssuer.TENANT_CLAIM)).isEqualTo("acme");
      assertThat(SignedJWT.parse(token).getJWTClaimsSet().getSubject()).isEqualTo("lee");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("tenant_id is required");
    }
  }

  @Test
  void tellsAMailServerWhichMailboxAnAccessTokenOpensAndThatAnExpiredOrForeignOneOpensNone() throws Exception {
    try (var issuer = LoopbackIssuer.start(0)) {
      String introspect = issuer.issuer() + "/introspect";

      assertThat(post(introspect, "token=" + issuer.mailboxToken("sam@acme.example", java.time.Duration.ofHours(1))).body())
          .contains("\"active\":true").contains("\"email\":\"sam@acme.example\"");
      assertThat(post(introspect, "token=" + issuer.mailboxToken("sam@acme.example", java.time.Duration.ofMinutes(-1))).body()).isEqualTo("{\"active\":false}");
      assertThat(post(introspect, "token=" + issuer.token("acme", "sam")).body()).as("an API token opens no mailbox").isEqualTo("{\"active\":false}");
      assertThat(post(introspect, "token=" + issuer.forgedToken("acme", "sam")).body()).isEqualTo("{\"active\":false}");
      assertThat(post(introspect, "token=not-a-jwt").body()).isEqualTo("{\"active\":false}");
    }
  }

  @Test
  void keepsItsKeyInTheKeyFileSoThatTokensSurviveARestart(@TempDir Path data) throws Exception {
    Path keyFile = data.resolve("dev-issuer-key.json");
    String token;
    try (var issuer = LoopbackIssuer.start(0, keyFile)) {
      token = issuer.token("acme", "sam");
    }
    try (var restarted = LoopbackIssuer.start(0, keyFile)) {
      var key = (RSAKey) JWKSet.parse(get(restarted.jwksUri())).getKeys().getFirst();
      assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(key))).isTrue();
      assertThat(key.isPrivate()).as("only the public key is published").isFalse();
      assertThat(java.nio.file.Files.getPosixFilePermissions(keyFile)).as("the private key: its owner's only")
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }

  private String get(String uri) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpResponse<String> post(String uri, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
