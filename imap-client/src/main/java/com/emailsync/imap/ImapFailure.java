package com.emailsync.imap;

import com.emailsync.events.MailboxFailureReason;
import java.util.List;
import org.jspecify.annotations.Nullable;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.SyncStatusReported;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * Why talking to a mailbox failed, in words the mailbox's owner can act on. Built only from the server's reply and the
 * endpoint, never from the credential.
 */
public final class ImapFailure extends Exception {

  private final Kind kind;

  public ImapFailure(Kind kind, String reason) {
    super(reason);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public enum Kind {
    AUTHENTICATION_FAILED,
    /** The host is unknown, or nothing answers on its port. */
    HOST_UNREACHABLE,
    /** No secure connection could be made, or the server wants one the settings do not ask for. */
    TLS_ERROR,
    FOLDER_NOT_FOUND,
    SERVER_ERROR,
    /** The server asks the client to slow down or come back later: an account or host limit, not a fault. */
    THROTTLED,
    /** The host lies inside a private network, or mail in clear was asked of a host not listed for it. */
    HOST_NOT_ALLOWED,
    /** The server answered, but did not finish the login within the deadline. */
    TIMEOUT,
    /** The provider wants an app password: the account uses two-step verification (Gmail, iCloud, Yahoo). */
    APP_PASSWORD_REQUIRED,
    /** The provider wants the user to sign in through its website first (a security check, a new location). */
    WEB_LOGIN_REQUIRED,
    /** IMAP is switched off for the account (Gmail's setting, a Microsoft 365 admin's policy). */
    IMAP_DISABLED;

    /** The same reason, as sync status reports name it. */
    public MailboxFailureReason reason() {
      return MailboxFailureReason.valueOf(name());
    }

    /** A problem only the mailbox's owner can fix; trying again with the same credential gets the account locked. */
    public boolean isCredentialProblem() {
      return this == AUTHENTICATION_FAILED || this == APP_PASSWORD_REQUIRED || this == WEB_LOGIN_REQUIRED || this == IMAP_DISABLED;
    }
  }

  /** Provider texts of a refused login that mean more than a wrong password, lower-cased. */
  private static final List<String> APP_PASSWORD = List.of("application-specific password required", "app password required", "app-specific password");

  private static final List<String> WEB_LOGIN = List.of("[webalert", "web login required", "log in via your web browser", "sign in via your web browser");

  private static final List<String> IMAP_OFF = List.of(
      "not enabled for imap", "imap access is disabled", "imap is disabled", "user is authenticated but not connected");

  /**
   * What providers answer when a client connects too often or holds too many sessions: RFC 5530 codes, and the texts
   * of Gmail, Microsoft 365 and Dovecot. Often sent as a NO to LOGIN, so it must be read before a rejected password.
   */
  private static final List<String> SLOW_DOWN = List.of(
      "[throttled]", "[unavailable]", "[limit]", "[inuse]", "too many simultaneous connections", "maximum number of connections",
      "too many connections", "exceeded command or bandwidth limits", "server unavailable", "try again later");

  /** Whether a server reply asks to slow down. */
  public static boolean asksToSlowDown(@Nullable String reply) {
    if (reply == null) {
      return false;
    }
    String lower = reply.toLowerCase(java.util.Locale.ROOT);
    return SLOW_DOWN.stream().anyMatch(lower::contains);
  }

  public static ImapFailure from(MessagingException e, ConnectionChanged.Imap endpoint) {
    String server = endpoint.host() + ":" + endpoint.port();
    if (asksToSlowDown(e.getMessage())) {
      return new ImapFailure(
          Kind.THROTTLED,
          "The mail server %s asks to slow down (%s); the sync waits and tries again, a little longer each time."
              .formatted(server, serverReply(e)));
    }
    if (e instanceof AuthenticationFailedException) {
      String reply = serverReply(e).toLowerCase(java.util.Locale.ROOT);
      // RFC 5530's response codes first: they say what the server means, whatever its words.
      if (reply.contains("[privacyrequired]") || reply.contains("plaintext authentication") || reply.contains("logindisabled")) {
        return new ImapFailure(Kind.TLS_ERROR,
            "The mail server %s accepts the login for %s only over a secure connection (%s). Choose SSL (port 993) or STARTTLS (port 143) as the security setting."
                .formatted(server, endpoint.username(), serverReply(e)));
      }
      if (reply.contains("[expired]")) {
        return new ImapFailure(Kind.AUTHENTICATION_FAILED,
            "The password of %s at %s has expired (%s). Change it with the provider, then enter the new one here."
                .formatted(endpoint.username(), server, serverReply(e)));
      }
      if (reply.contains("[contactadmin]") || reply.contains("[authorizationfailed]")) {
        return new ImapFailure(Kind.AUTHENTICATION_FAILED,
            "The mail server %s does not let %s log in, for a reason only its administrator can change (%s). Ask the mail administrator to allow the account."
                .formatted(server, endpoint.username(), serverReply(e)));
      }
      if (APP_PASSWORD.stream().anyMatch(reply::contains)) {
        return new ImapFailure(Kind.APP_PASSWORD_REQUIRED,
            "The mail server %s refused the password for %s because the account uses two-step verification (%s). Create an app password in the provider's account security settings and use it here."
                .formatted(server, endpoint.username(), serverReply(e)));
      }
      if (WEB_LOGIN.stream().anyMatch(reply::contains)) {
        return new ImapFailure(Kind.WEB_LOGIN_REQUIRED,
            "The mail server %s wants %s to sign in through the provider's website first (%s). Sign in there once, confirm it was you, then connect again."
                .formatted(server, endpoint.username(), serverReply(e)));
      }
      if (IMAP_OFF.stream().anyMatch(reply::contains)) {
        return new ImapFailure(Kind.IMAP_DISABLED,
            "IMAP is switched off for %s at %s (%s). Turn IMAP on in the mailbox's settings (Gmail: Settings, Forwarding and POP/IMAP), or ask the mail administrator to allow it."
                .formatted(endpoint.username(), server, serverReply(e)));
      }
      return new ImapFailure(
          Kind.AUTHENTICATION_FAILED,
          "The mail server %s rejected the login for %s (%s). Check the username and password; providers that use two-step verification need an app password."
              .formatted(server, endpoint.username(), serverReply(e)));
    }
    Throwable cause = rootCause(e);
    if (cause instanceof SSLException) {
      return new ImapFailure(
          Kind.TLS_ERROR,
          "A secure (TLS) connection to %s could not be made: %s. Check the port and the security setting (SSL on 993, STARTTLS on 143)."
              .formatted(server, cause.getMessage()));
    }
    if (cause instanceof UnknownHostException) {
      return new ImapFailure(Kind.HOST_UNREACHABLE, "The mail server host %s is not known. Check the host name.".formatted(endpoint.host()));
    }
    if (cause instanceof SocketTimeoutException) {
      return new ImapFailure(
          Kind.TIMEOUT,
          "The mail server %s did not answer in time (%s). Check the host and port, or try again later.".formatted(server, cause.getMessage()));
    }
    if (cause instanceof ConnectException) {
      return new ImapFailure(
          Kind.HOST_UNREACHABLE,
          "The mail server %s could not be reached (%s). Check the host and port, and that the server accepts IMAP connections."
              .formatted(server, cause.getMessage()));
    }
    if (serverReply(e).toLowerCase(java.util.Locale.ROOT).contains("[serverbug]")) {
      return new ImapFailure(Kind.SERVER_ERROR,
          "The mail server %s failed on its side (%s); the sync tries again shortly. If it keeps failing, tell the mail provider."
              .formatted(server, serverReply(e)));
    }
    return new ImapFailure(Kind.SERVER_ERROR, "The mail server %s answered with an error: %s".formatted(server, serverReply(e)));
  }

  private static String serverReply(MessagingException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? "no reason given" : message.strip();
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }
}
