package com.emailsync.events.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.devissuer.LoopbackIssuer;
import com.emailsync.devissuer.LoopbackIssuer.TokenClaims;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The public API's bearer tokens, over real HTTP, verified against a real issuer's published keys. */
@SpringBootTest(
    classes = ApiSecurityTest.TenantApi.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.autoconfigure.exclude=com.emailsync.events.kafka.EmailSyncKafkaAutoConfiguration",
      "emailsync.auth.internal.callers=sync-worker"
    })
class ApiSecurityTest {

  static final LoopbackIssuer ISSUER = LoopbackIssuer.start(0);

  @SpringBootApplication
  @RestController
  static class TenantApi {
    @GetMapping("/api/v1/tenants/{tenantId}/things")
    String things(@PathVariable String tenantId, Caller caller) {
      return caller.tenantId() + "/" + caller.userId() + "/" + (caller.admin() ? "admin" : "user");
    }

    @GetMapping("/internal/v1/tenants/{tenantId}/things")
    String internalThings(@PathVariable String tenantId) {
      return "internal " + tenantId;
    }

    @GetMapping("/other")
    String other() {
      return "not an API";
    }
  }

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("emailsync.auth.issuer", ISSUER::issuer);
    registry.add("emailsync.auth.jwks-uri", ISSUER::jwksUri);
  }

  @AfterAll
  static void stopIssuer() {
    ISSUER.close();
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aTokenOfThePathsTenantReachesTheHandlerWhichKnowsTheCaller() throws Exception {
    assertThat(get("/api/v1/tenants/acme/things", ISSUER.token("acme", "sam")).body()).isEqualTo("acme/sam/user");
    assertThat(get("/api/v1/tenants/acme/things", ISSUER.token("acme", "lee", "emailsync-admin")).body()).isEqualTo("acme/lee/admin");
  }

  @Test
  void aMissingExpiredForgedOrMisdirectedTokenIsA401ProblemThatSaysWhy() throws Exception {
    var claims = TokenClaims.forApi("acme", "sam", List.of());
    var refusals = new java.util.LinkedHashMap<String, @Nullable String>();
    refusals.put("no token", null);
    refusals.put("expired", ISSUER.token(claims.withValidFor(Duration.ofMinutes(-5))));
    refusals.put("forged", ISSUER.forgedToken("acme", "sam"));
    refusals.put("for another API", ISSUER.token(claims.withAudience("billing")));
    refusals.put("from another issuer", ISSUER.token(claims.withIssuer("https://login.example/other")));
    refusals.put("without a tenant", ISSUER.token(claims.withoutTenant()));
    refusals.put("that never expires", ISSUER.token(claims.withoutExpiry()));
    refusals.put("not a JWT", "hunter2");

    for (var refusal : refusals.entrySet()) {
      HttpResponse<String> response = get("/api/v1/tenants/acme/things", refusal.getValue());

      assertThat(response.statusCode()).as(refusal.getKey()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type")).as(refusal.getKey()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(response.headers().firstValue("WWW-Authenticate")).as(refusal.getKey()).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
      assertThat(response.body()).as(refusal.getKey()).contains("\"status\":401").doesNotContain("hunter2");
    }
    assertThat(get("/api/v1/tenants/acme/things", refusals.get("expired")).body()).contains("expired");
    assertThat(get("/api/v1/tenants/acme/things", refusals.get("for another API")).body()).contains("aud");
  }

  @Test
  void anotherTenantsPathIsNotFoundAsIfNothingWereThere() throws Exception {
    HttpResponse<String> response = get("/api/v1/tenants/globex/things", ISSUER.token("acme", "sam", "emailsync-admin"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).as("the handler never ran").contains("\"status\":404").doesNotContain("/sam/");
  }

  @Test
  void whatIsNeitherTheApiNorHealthIsRefusedWhateverTheToken() throws Exception {
    assertThat(get("/other", ISSUER.token("acme", "sam", "emailsync-admin")).statusCode()).isEqualTo(403);
    assertThat(get("/other", null).statusCode()).isEqualTo(403);
  }

  @Test
  void theInternalApiTakesAListedServicesShortLivedTokenForAnyTenant() throws Exception {
    assertThat(get("/internal/v1/tenants/acme/things", ISSUER.serviceToken("sync-worker")).body()).isEqualTo("internal acme");
    assertThat(get("/internal/v1/tenants/globex/things", ISSUER.serviceToken("sync-worker")).body()).isEqualTo("internal globex");
  }

  @Test
  void aServiceTakesItsTokenByTheClientCredentialsGrantWithItsSecretOnly() throws Exception {
    ISSUER.registerClient("sync-worker", "worker-secret");

    HttpResponse<String> granted = clientCredentials("sync-worker", "worker-secret");
    HttpResponse<String> wrongSecret = clientCredentials("sync-worker", "guess");

    assertThat(granted.statusCode()).isEqualTo(200);
    String token = tools.jackson.databind.json.JsonMapper.builder().build().readTree(granted.body()).get("access_token").asString();
    assertThat(get("/internal/v1/tenants/acme/things", token).statusCode()).isEqualTo(200);
    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(wrongSecret.body()).contains("invalid_client").doesNotContain("access_token");
  }

  @Test
  void theInternalApiRefusesUsersOtherServicesAndLongLivedOrMisdirectedTokensWithA401() throws Exception {
    var refusals = new java.util.LinkedHashMap<String, @Nullable String>();
    refusals.put("no token", null);
    refusals.put("a user's token", ISSUER.token("acme", "sam"));
    refusals.put("an admin's token", ISSUER.token("acme", "lee", "emailsync-admin"));
    refusals.put("a service not listed as a caller", ISSUER.serviceToken("billing-job"));
    refusals.put("a service token for the public API", ISSUER.serviceToken("sync-worker", LoopbackIssuer.API_AUDIENCE, Duration.ofMinutes(5)));
    refusals.put("a service token valid for a day", ISSUER.serviceToken("sync-worker", LoopbackIssuer.INTERNAL_AUDIENCE, Duration.ofDays(1)));
    refusals.put("an expired service token", ISSUER.serviceToken("sync-worker", LoopbackIssuer.INTERNAL_AUDIENCE, Duration.ofMinutes(-1)));
    java.time.Instant tomorrow = java.time.Instant.now().plus(Duration.ofDays(1));
    refusals.put("a service token dated tomorrow, to last a day", ISSUER.serviceToken("sync-worker", LoopbackIssuer.INTERNAL_AUDIENCE, tomorrow,
        tomorrow.plus(Duration.ofMinutes(5))));

    for (var refusal : refusals.entrySet()) {
      HttpResponse<String> response = get("/internal/v1/tenants/acme/things", refusal.getValue());

      assertThat(response.statusCode()).as(refusal.getKey()).isEqualTo(401);
      assertThat(response.body()).as(refusal.getKey()).contains("\"status\":401").doesNotContain("internal acme");
    }
    assertThat(get("/internal/v1/tenants/acme/things", refusals.get("a service token valid for a day")).body()).contains("at most");
  }

  @Test
  void aServiceTokenOpensNoPublicApi() throws Exception {
    assertThat(get("/api/v1/tenants/acme/things", ISSUER.serviceToken("sync-worker")).statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> clientCredentials(String clientId, String secret) throws Exception {
    String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(URI.create(ISSUER.issuer() + "/token"))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, @Nullable String token) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
