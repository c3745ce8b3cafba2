package com.emailsync.events.web;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call a service's public API: bearer tokens (JWT) signed by the CRM's identity provider.
 *
 * @param issuer the {@code iss} every token must carry
 * @param jwksUri where the provider publishes its signing keys (JWKS); read when the first token arrives, then cached
 * @param audience an {@code aud} every token must name: a token for another API is refused
 * @param tenantClaim the claim naming the caller's tenant; it must match the tenant of the path
 * @param rolesClaim the claim listing the caller's roles
 * @param adminRole the role that may manage every user's connections of the tenant, and read the actuator
 * @param internal who may call the internal API ({@code /internal/**}): other services, never users
 */
@Validated
@ConfigurationProperties("emailsync.auth")
public record ApiAuthProperties(
    @NotBlank(message = "must name the identity provider whose tokens this API accepts (EMAILSYNC_AUTH_ISSUER)") String issuer,
    @NotBlank(message = "must name where the identity provider publishes its keys (EMAILSYNC_AUTH_JWKS_URI)") String jwksUri,
    @DefaultValue("email-sync") @NotBlank String audience,
    @DefaultValue("tenant_id") @NotBlank String tenantClaim,
    @DefaultValue("roles") @NotBlank String rolesClaim,
    @DefaultValue("emailsync-admin") @NotBlank String adminRole,
    @DefaultValue @jakarta.validation.Valid Internal internal) {

  /**
   * Service tokens for the internal API: short-lived JWTs the same identity provider issues to services by the client
   * credentials grant (RFC 6749 section 4.4), in the JWT access token profile (RFC 9068: {@code client_id},
   * {@code iat}, {@code exp}).
   *
   * @param audience the {@code aud} a service token must name; user tokens (audience {@link #audience()}) never do
   * @param callers the client ids ({@code client_id}) let in; none by default, so a service without internal callers
   *     refuses every token
   * @param maxLifetime the longest a service token may be valid from its issue: a long-lived one is refused as if
   *     forged, so that a leaked token is worth little
   * @param scrapers the client ids whose service tokens may read {@code /actuator/prometheus}: Prometheus takes them
   *     by the client credentials grant (its scrape config's {@code oauth2}), as any service takes its own
   */
  public record Internal(
      @DefaultValue("email-sync-internal") @NotBlank String audience,
      @DefaultValue java.util.List<String> callers,
      @DefaultValue("15m") java.time.Duration maxLifetime,
      @DefaultValue("prometheus") java.util.List<String> scrapers) {}
}
