package com.emailsync.connection.oauth;

/** Port: checks an ID token the provider gave. */
public interface IdTokens {

  /**
   * The mailbox address the ID token names, once its signature (the provider's published keys), issuer, audience (the
   * client id), expiry and nonce hold.
   */
  String verifiedEmail(OAuthProvider provider, String idToken, String nonce) throws OAuthRefused;
}
