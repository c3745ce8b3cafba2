package com.emailsync.connection.mailbox.web;

import com.emailsync.connection.mailbox.ConnectionNotFound;
import com.emailsync.connection.mailbox.ConnectionPublisher;
import com.emailsync.connection.mailbox.MailboxConnections;
import com.emailsync.connection.mailbox.MailboxUnreachable;
import com.emailsync.connection.mailbox.UnknownFolders;
import com.emailsync.events.MailboxFailureReason;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem responses that say what went wrong and what to do, never echoing a secret. */
// Before the shared advice, whose catch-all would otherwise answer these as internal errors.
@RestControllerAdvice
@Order(0)
class ConnectionProblems {

  private static final String TYPES = "https://emailsync.example/problems/";

  @ExceptionHandler
  ProblemDetail mailboxUnreachable(MailboxUnreachable e) {
    HttpStatus status = switch (e.reason()) {
      // What the caller sent (a credential, a host, a security setting) must change: asking again will not help.
      case AUTHENTICATION_FAILED, HOST_NOT_ALLOWED, APP_PASSWORD_REQUIRED, WEB_LOGIN_REQUIRED, IMAP_DISABLED, TLS_ERROR -> HttpStatus.UNPROCESSABLE_CONTENT;
      case THROTTLED -> HttpStatus.SERVICE_UNAVAILABLE;
      case HOST_UNREACHABLE, TIMEOUT, SERVER_ERROR, FOLDER_NOT_FOUND -> HttpStatus.BAD_GATEWAY;
    };
    var problem = problem(status, "mailbox-" + slug(e.reason()), title(e.reason()), e.getMessage());
    problem.setProperty("reason", e.reason().name());
    return problem;
  }

  @ExceptionHandler
  ProblemDetail notFound(ConnectionNotFound e) {
    return problem(HttpStatus.NOT_FOUND, "connection-not-found", "Connection not found", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail othersMailbox(ConnectionController.OthersMailbox e) {
    return problem(HttpStatus.FORBIDDEN, "not-your-mailbox", "Not your mailbox", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail unknownFolders(UnknownFolders e) {
    var problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-folders", "Unknown folders", e.getMessage());
    problem.setProperty("folders", e.folders());
    return problem;
  }

  @ExceptionHandler
  ProblemDetail publishFailed(ConnectionPublisher.PublishFailed e) {
    var problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "event-broker-unavailable", "Change not published", e.getMessage());
    if (e.savedConnectionId() != null) {
      problem.setProperty("connectionId", e.savedConnectionId());
    }
    return problem;
  }

  @ExceptionHandler
  ProblemDetail signedInByOAuth(MailboxConnections.SignedInByOAuth e) {
    return problem(HttpStatus.CONFLICT, "signed-in-by-oauth", "No password to change", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail concurrentChanges(MailboxConnections.TooManyConcurrentChanges e) {
    return problem(HttpStatus.CONFLICT, "concurrent-changes", "Changed meanwhile", e.getMessage());
  }

  private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPES + type));
    problem.setTitle(title);
    return problem;
  }

  private static String title(MailboxFailureReason reason) {
    return switch (reason) {
      case AUTHENTICATION_FAILED -> "Mailbox login failed";
      case HOST_UNREACHABLE -> "Mail server unreachable";
      case TLS_ERROR -> "Secure connection failed";
      case SERVER_ERROR -> "Mail server error";
      case HOST_NOT_ALLOWED -> "Mail server not allowed";
      case APP_PASSWORD_REQUIRED -> "App password required";
      case WEB_LOGIN_REQUIRED -> "Sign-in on the provider's website required";
      case IMAP_DISABLED -> "IMAP switched off";
      case TIMEOUT -> "Mail server too slow";
      case THROTTLED -> "Mail server asks to slow down";
      case FOLDER_NOT_FOUND -> "Folder not found";
    };
  }

  private static String slug(MailboxFailureReason reason) {
    return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
