package com.emailsync.connection.mailbox;

import java.time.Instant;

/**
 * The OAuth grant a mailbox was connected with.
 *
 * @param provider the provider's id in configuration ({@code google}, {@code microsoft}...)
 * @param sealedRefreshToken the refresh token, sealed at rest like a password; never leaves the service
 * @param accessTokenExpiresAt when the access token (held sealed in the connection's credential) expires
 * @param refreshingUntil while one instance refreshes the token, no other does (providers that rotate refresh tokens
 *     revoke a grant whose token is used twice); null when none is
 */
public record OAuthGrant(String provider, String sealedRefreshToken, Instant accessTokenExpiresAt, @org.jspecify.annotations.Nullable Instant refreshingUntil) {

  public OAuthGrant(String provider, String sealedRefreshToken, Instant accessTokenExpiresAt) {
    this(provider, sealedRefreshToken, accessTokenExpiresAt, null);
  }

  @Override
  public String toString() {
    return "OAuthGrant[provider=%s, accessTokenExpiresAt=%s]".formatted(provider, accessTokenExpiresAt);
  }
}
