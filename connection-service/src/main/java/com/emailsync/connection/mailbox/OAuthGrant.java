package com.emailsync.connection.mailbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth grant a mailbox was connected with.
 *
 * @param provider the provider's id in configuration ({@code google}, {@code microsoft}...)
 * @param sealedRefreshToken the refresh token, sealed at rest like a password; never leaves the service
 * @param accessTokenExpiresAt when the access token (held sealed in the connection's credential) expires
 * @param refreshingUntil while one instance refreshes the token, no other does (providers that rotate refresh tokens
 *     revoke a grant whose token is used twice); null when none is
 * @param accessTokenObtainedAt when the access token was obtained: a token refused by the mail server right after is
 *     not renewed again at once
 * @param signedInAt when the owner last signed in at the provider (consented): providers that ask for consent again
 *     after a while (Google) count from it
 * @param reauthDueAt when the provider will ask the owner to consent again (Google: six months after the sign-in),
 *     as its configuration said at the sign-in; null for a provider that does not
 * @param reauthAnnouncedAt when the coming need to sign in again was announced to the CRM; null until it is (a new
 *     sign-in clears it)
 */
public record OAuthGrant(
    String provider,
    String sealedRefreshToken,
    Instant accessTokenExpiresAt,
    @Nullable Instant refreshingUntil,
    Instant accessTokenObtainedAt,
    Instant signedInAt,
    @Nullable Instant reauthDueAt,
    @Nullable Instant reauthAnnouncedAt) {

  /**
   * A grant the owner has just signed in to.
   *
   * @param reconsentAfter how long after a sign-in the provider asks for consent again; null: it does not
   */
  public static OAuthGrant signedIn(
      String provider, String sealedRefreshToken, Instant accessTokenExpiresAt, Instant now, java.time.@Nullable Duration reconsentAfter) {
    return new OAuthGrant(provider, sealedRefreshToken, accessTokenExpiresAt, null, now, now, reconsentAfter == null ? null : now.plus(reconsentAfter), null);
  }

  /**
   * A new access token by the refresh token (the provider may have rotated it); the sign-in stays as it was.
   *
   * @param reconsentAfter the provider's re-consent interval now: dates a grant signed in to before it was known
   */
  OAuthGrant renewed(String newSealedRefreshToken, Instant expiresAt, Instant now, java.time.@Nullable Duration reconsentAfter) {
    Instant due = reauthDueAt == null && reconsentAfter != null ? signedInAt.plus(reconsentAfter) : reauthDueAt;
    return new OAuthGrant(provider, newSealedRefreshToken, expiresAt, null, now, signedInAt, due, reauthAnnouncedAt);
  }

  OAuthGrant released() {
    return new OAuthGrant(provider, sealedRefreshToken, accessTokenExpiresAt, null, accessTokenObtainedAt, signedInAt, reauthDueAt, reauthAnnouncedAt);
  }

  @Override
  public String toString() {
    return "OAuthGrant[provider=%s, accessTokenExpiresAt=%s, signedInAt=%s]".formatted(provider, accessTokenExpiresAt, signedInAt);
  }
}
