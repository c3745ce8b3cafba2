package com.emailsync.connection.oauth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Port: the provider's token endpoint. */
public interface TokenEndpoint {

  /**
   * Renews the access token with the refresh token.
   *
   * @throws GrantRevoked when the provider answers {@code invalid_grant}: revoked, expired, or the password changed
   * @throws OAuthRefused for anything else (the provider down, a network failure): tried again later
   */
  Tokens refresh(OAuthProvider provider, String refreshToken) throws OAuthRefused;

  /** The provider will not renew the grant any more: only its owner signing in again helps. */
  final class GrantRevoked extends OAuthRefused {
    public GrantRevoked(String message) {
      super(message);
    }
  }

  /** Exchanges an authorization code, with the PKCE verifier it was asked with. */
  Tokens exchange(OAuthProvider provider, String code, String codeVerifier, String redirectUri) throws OAuthRefused;

  /**
   * @param refreshToken null when the provider gave none
   * @param idToken null when the provider gave none
   */
  record Tokens(String accessToken, @Nullable String refreshToken, Duration expiresIn, @Nullable String idToken) {
    @Override
    public String toString() {
      return "Tokens[expiresIn=%s]".formatted(expiresIn);
    }
  }
}
