package com.emailsync.connection.mailbox;

/** Logging in to or listing a mailbox failed; the message says why, never with the secret. */
public class MailboxUnreachable extends Exception {

  private final Reason reason;

  public MailboxUnreachable(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public enum Reason {
    AUTHENTICATION_FAILED,
    CONNECTION_FAILED,
    TLS_FAILED,
    SERVER_ERROR,
    /** A host inside a private network, or mail in clear to a host not listed for it: refused before any connect. */
    HOST_NOT_ALLOWED,
    APP_PASSWORD_REQUIRED,
    WEB_LOGIN_REQUIRED,
    IMAP_DISABLED
  }
}
