package com.emailsync.events.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The internal call a sync worker makes when a mail server refuses an OAuth access token before it expires (revoked,
 * the password changed, a provider that cut the token's life short): connection-service renews the token at once
 * rather than at its next scheduled round, up to an hour later, and publishes it to the workers as ever. The worker
 * names the token by its fingerprint, never by the token itself.
 */
public final class AccessTokenRejection {

  /** POST, with a service token (client credentials) of a caller connection-service lists. */
  public static final String PATH = "/internal/v1/tenants/{tenantId}/connections/{connectionId}/access-token-rejections";

  private AccessTokenRejection() {}

  /** @param tokenFingerprint {@link #fingerprint} of the token the mail server refused */
  public record Report(String tokenFingerprint) {}

  /** What connection-service did about it. */
  public enum Outcome {
    /** A new token was obtained and is being published: the worker logs in with it as soon as it arrives. */
    RENEWED,
    /** The connection holds a newer token already; it was or is being published. */
    ALREADY_RENEWED,
    /**
     * The refused token was obtained moments ago: the mailbox refuses the account, not the token (IMAP disabled, a
     * blocked account). The worker's wait after a refused login stands.
     */
    RENEWED_RECENTLY,
    /** The provider would not renew the grant: the owner must sign in again, and the CRM was told. */
    REAUTH_REQUIRED,
    /** The provider could not be asked now (down, throttling, or another instance is renewing): renewed later. */
    NOT_RENEWED_NOW
  }

  public record Answer(Outcome outcome, String detail) {}

  /** SHA-256 of the token, base64url: names a token without revealing it. */
  public static String fingerprint(String accessToken) {
    try {
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
