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
 */
@Validated
@ConfigurationProperties("emailsync.auth")
public record ApiAuthProperties(
    @NotBlank(message = "must name the identity provider whose tokens this API accepts (EMAILSYNC_AUTH_ISSUER)") String issuer,
    @NotBlank(message = "must name where the identity provider publishes its keys (EMAILSYNC_AUTH_JWKS_URI)") String jwksUri,
    @DefaultValue("email-sync") @NotBlank String audience,
    @DefaultValue("tenant_id") @NotBlank String tenantClaim,
    @DefaultValue("roles") @NotBlank String rolesClaim,
    @DefaultValue("emailsync-admin") @NotBlank String adminRole) {}
