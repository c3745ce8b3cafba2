package com.emailsync.events.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who makes the request, from a verified bearer token: a handler parameter of this type receives it.
 *
 * @param admin may manage every user's connections of the tenant, not only their own
 */
public record Caller(String tenantId, String userId, boolean admin) {

  /** A user may act on what they own; an admin on anything of the tenant. */
  public boolean mayManage(@Nullable String ownerUserId) {
    return admin || userId.equals(ownerUserId);
  }

  /** The caller of the request on this thread, if a token was verified for it. */
  static @Nullable Caller current(ApiAuthProperties auth) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      return null;
    }
    String tenantId = token.getToken().getClaimAsString(auth.tenantClaim());
    boolean admin = token.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(ApiSecurityAutoConfiguration.ROLE_PREFIX + auth.adminRole()));
    return new Caller(tenantId, token.getToken().getSubject(), admin);
  }
}
