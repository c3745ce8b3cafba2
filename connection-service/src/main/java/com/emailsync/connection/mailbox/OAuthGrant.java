package com.emailsync.connection.mailbox;

import java.time.Instant;

/**
 * The OAuth grant a mailbox was connected with.
 *
 * @param provider the provider's id in configuration ({@code google}, {@code microsoft}...)
 * @param sealedRefreshToken the refresh token, sealed at rest like a password; never leaves the service
 * @param accessTokenExpiresAt when the access token (held sealed in the connection's credential) expires
 */
public record OAuthGrant(String provider, String sealedRefreshToken, Instant accessTokenExpiresAt) {

  @Override
  public String toString() {
    return "OAuthGrant[provider=%s, accessTokenExpiresAt=%s]".formatted(provider, accessTokenExpiresAt);
  }
}
