package com.emailsync.connection.oauth;

/** The grant could not be finished; the message says why and what to do, never with a token. */
public class OAuthRefused extends Exception {
  public OAuthRefused(String message) {
    super(message);
  }
}
