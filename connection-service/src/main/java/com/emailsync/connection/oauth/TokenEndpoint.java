package com.emailsync.connection.oauth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Port: the provider's token endpoint. */
public interface TokenEndpoint {

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
