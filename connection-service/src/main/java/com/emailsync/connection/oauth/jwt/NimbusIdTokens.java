package com.emailsync.connection.oauth.jwt;

import com.emailsync.connection.oauth.IdTokens;
import com.emailsync.connection.oauth.OAuthProvider;
import com.emailsync.connection.oauth.OAuthRefused;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/** ID tokens checked with nimbus against the provider's published keys (cached per provider), as OIDC Core 3.1.3.7 asks. */
public final class NimbusIdTokens implements IdTokens {

  private final Map<String, NimbusJwtDecoder> decoders = new ConcurrentHashMap<>();

  @Override
  public String verifiedEmail(OAuthProvider provider, String idToken, String nonce) throws OAuthRefused {
    Jwt token;
    try {
      token = decoder(provider).decode(idToken);
    } catch (JwtException e) {
      throw new OAuthRefused("The provider's ID token did not hold (" + e.getMessage() + "): start connecting the mailbox again.");
    }
    if (!nonce.equals(token.getClaimAsString("nonce"))) {
      throw new OAuthRefused("The provider's ID token belongs to another sign-in (its nonce differs): start connecting the mailbox again.");
    }
    if (Boolean.FALSE.equals(token.getClaimAsBoolean("email_verified"))) {
      throw new OAuthRefused("The provider has not verified the account's address: verify it there, then connect again.");
    }
    // Microsoft's ID tokens name the mailbox in preferred_username when they carry no email.
    String email = token.getClaimAsString("email") != null ? token.getClaimAsString("email") : token.getClaimAsString("preferred_username");
    if (email == null || !email.contains("@")) {
      throw new OAuthRefused("The provider's ID token names no mailbox address: its configuration must ask for the scope 'email'.");
    }
    return email;
  }

  /** Where an issuer names the organisation the user signs in from (Microsoft's common endpoints). */
  static final String TENANT_PLACEHOLDER = "{tenantid}";

  private static final java.util.regex.Pattern TENANT_ID = java.util.regex.Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

  /**
   * The issuer as configured; or, for one with {@value #TENANT_PLACEHOLDER} (Microsoft's multi-organisation issuer,
   * {@code https://login.microsoftonline.com/{tenantid}/v2.0}), the token's own organisation ({@code tid}) put in: one
   * provider entry serves every customer's Microsoft 365, and a token still names exactly one organisation.
   */
  private static org.springframework.security.oauth2.core.OAuth2TokenValidator<Jwt> issuer(String configured) {
    if (!configured.contains(TENANT_PLACEHOLDER)) {
      return new org.springframework.security.oauth2.jwt.JwtIssuerValidator(configured);
    }
    return jwt -> {
      String tid = jwt.getClaimAsString("tid");
      String issuer = jwt.getClaimAsString(JwtClaimNames.ISS);
      boolean matches = tid != null && TENANT_ID.matcher(tid).matches() && configured.replace(TENANT_PLACEHOLDER, tid).equals(issuer);
      return matches
          ? org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success()
          : org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.failure(new org.springframework.security.oauth2.core.OAuth2Error(
              "invalid_token", "The iss claim is not the organisation's (tid) issuer", null));
    };
  }

  private NimbusJwtDecoder decoder(OAuthProvider provider) {
    return decoders.computeIfAbsent(provider.id(), id -> {
      var requests = new SimpleClientHttpRequestFactory();
      requests.setConnectTimeout(Duration.ofSeconds(5));
      requests.setReadTimeout(Duration.ofSeconds(5));
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(provider.jwksUri()).restOperations(new RestTemplate(requests)).build();
      decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
          new org.springframework.security.oauth2.jwt.JwtTimestampValidator(),
          issuer(provider.issuer()),
          new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(provider.clientId())),
          new JwtClaimValidator<Object>(JwtClaimNames.EXP, java.util.Objects::nonNull)));
      return decoder;
    });
  }
}
