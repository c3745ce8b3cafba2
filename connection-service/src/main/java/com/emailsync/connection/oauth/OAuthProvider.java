package com.emailsync.connection.oauth;

import com.emailsync.events.ImapSecurity;
import java.util.List;
import java.util.Map;

/**
 * An OAuth provider whose users connect their mailboxes, as configuration describes it.
 *
 * @param issuer the {@code iss} its ID tokens carry
 * @param scopes asked for: the mailbox's (Google: {@code https://mail.google.com/}; Microsoft: {@code
 *     https://outlook.office.com/IMAP.AccessAsUser.All offline_access}), plus {@code openid email}
 * @param authorizationParameters more parameters of the authorization request (Google: {@code access_type=offline},
 *     {@code prompt=consent}, without which it gives no refresh token)
 * @param reconsentAfter how long after a sign-in the provider asks the owner to consent again; null: it does not
 */
public record OAuthProvider(
    String id,
    String authorizationUri,
    String tokenUri,
    String jwksUri,
    String issuer,
    String clientId,
    String clientSecret,
    List<String> scopes,
    Map<String, String> authorizationParameters,
    String imapHost,
    int imapPort,
    ImapSecurity imapSecurity,
    java.time.@org.jspecify.annotations.Nullable Duration reconsentAfter) {

  public OAuthProvider {
    scopes = List.copyOf(scopes);
    authorizationParameters = Map.copyOf(authorizationParameters);
  }

  /** Never prints the client secret. */
  @Override
  public String toString() {
    return "OAuthProvider[id=%s, issuer=%s, clientId=%s]".formatted(id, issuer, clientId);
  }
}
