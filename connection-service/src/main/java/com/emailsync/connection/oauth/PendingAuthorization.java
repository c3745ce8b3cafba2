package com.emailsync.connection.oauth;

import java.time.Instant;

/**
 * A grant started and not yet finished: what the callback needs, kept here and never sent to the browser (the PKCE
 * verifier above all).
 *
 * @param id the id its {@code state} names
 */
public record PendingAuthorization(
    String id, String tenantId, String userId, String provider, String codeVerifier, String nonce, Instant expiresAt) {

  @Override
  public String toString() {
    return "PendingAuthorization[id=%s, tenantId=%s, provider=%s]".formatted(id, tenantId, provider);
  }
}
