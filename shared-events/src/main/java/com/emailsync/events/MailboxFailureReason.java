package com.emailsync.events;

/**
 * Why a mail server could not be read, each with its own remedy in the sentence that goes with it: in a sync status
 * report ({@link SyncStatusReported#reason()}) and in connection-service's problem responses.
 */
public enum MailboxFailureReason {
  /** The password (or username) was refused. */
  AUTHENTICATION_FAILED,
  /** The account uses two-step verification: it needs an app password. */
  APP_PASSWORD_REQUIRED,
  /** The provider wants the owner to sign in on its website first. */
  WEB_LOGIN_REQUIRED,
  /** IMAP is switched off for the account. */
  IMAP_DISABLED,
  /** No secure connection could be made, or the server wants one the settings do not ask for. */
  TLS_ERROR,
  /** The host is unknown, or nothing answers on its port. */
  HOST_UNREACHABLE,
  /** The host lies inside a private network, or mail in clear was asked of a host not listed for it. */
  HOST_NOT_ALLOWED,
  /** The server answered too slowly. */
  TIMEOUT,
  /** The server asked to slow down. */
  THROTTLED,
  FOLDER_NOT_FOUND,
  /** The server failed on its side. */
  SERVER_ERROR
}
