package com.emailsync.connection.oauth.http;

import com.emailsync.connection.oauth.OAuthConnections;
import com.emailsync.connection.oauth.OAuthProvider;
import com.emailsync.connection.oauth.OAuthRefused;
import com.emailsync.connection.oauth.TokenEndpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The token endpoint over HTTPS (RFC 6749 section 4.1.3, with the PKCE verifier of RFC 7636), with bounded waits. */
public final class HttpTokenEndpoint implements TokenEndpoint {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Override
  public Tokens exchange(OAuthProvider provider, String code, String codeVerifier, String redirectUri) throws OAuthRefused {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    form.put("code_verifier", codeVerifier);
    form.put("client_id", provider.clientId());
    return post(provider, form);
  }

  @Override
  public Tokens refresh(OAuthProvider provider, String refreshToken) throws OAuthRefused {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    form.put("client_id", provider.clientId());
    return post(provider, form);
  }

  private Tokens post(OAuthProvider provider, Map<String, String> form) throws OAuthRefused {
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(provider.tokenUri()))
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", "application/json")
              // client_secret_basic, which every provider accepts (RFC 6749 section 2.3.1).
              .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                  (urlEncoded(provider.clientId()) + ":" + urlEncoded(provider.clientSecret())).getBytes(StandardCharsets.UTF_8)))
              .POST(HttpRequest.BodyPublishers.ofString(OAuthConnections.form(form)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new OAuthRefused("The provider's token endpoint could not be reached (" + e.getClass().getSimpleName() + "): try connecting again shortly.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OAuthRefused("The sign-in was interrupted: try connecting again.");
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (RuntimeException e) {
      throw new OAuthRefused("The provider's token endpoint answered " + response.statusCode() + " without JSON: try connecting again shortly.");
    }
    if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
      String error = body.hasNonNull("error") ? body.get("error").asString() : "status " + response.statusCode();
      if ("invalid_grant".equals(error) && "refresh_token".equals(form.get("grant_type"))) {
        throw new GrantRevoked("The provider refused to renew the sign-in (invalid_grant: revoked, expired, or the password changed).");
      }
      if ("invalid_grant".equals(error)) {
        throw new OAuthRefused("The provider refused the sign-in's code (invalid_grant: it expired or was used already): start connecting the mailbox again.");
      }
      throw new OAuthRefused("The provider refused the sign-in (" + error + "): start connecting the mailbox again.");
    }
    long expiresIn = body.hasNonNull("expires_in") ? body.get("expires_in").asLong() : 3600;
    return new Tokens(
        body.get("access_token").asString(),
        body.hasNonNull("refresh_token") ? body.get("refresh_token").asString() : null,
        Duration.ofSeconds(expiresIn),
        body.hasNonNull("id_token") ? body.get("id_token").asString() : null);
  }

  private static String urlEncoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
