package com.emailsync.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Refused logins told apart by what the providers answer, each with what the mailbox's owner should do. */
class ImapFailureTest {

  private final ConnectionChanged.Imap gmail = new ConnectionChanged.Imap("imap.gmail.com", 993, ImapSecurity.SSL, "sam@acme.example");

  @Test
  void tellsAnAppPasswordASignInOnTheWebsiteAndImapSwitchedOffFromAWrongPassword() {
    assertThat(from("[ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)"))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(ImapFailure.Kind.APP_PASSWORD_REQUIRED))
        .satisfies(f -> assertThat(f.getMessage()).contains("Create an app password"));
    assertThat(from("[WEBALERT https://accounts.google.com/signin/continue?sarp=1] Web login required."))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(ImapFailure.Kind.WEB_LOGIN_REQUIRED))
        .satisfies(f -> assertThat(f.getMessage()).contains("Sign in there once"));
    assertThat(from("[ALERT] Your account is not enabled for IMAP use. Please visit your Gmail settings page and enable your account for IMAP access. (Failure)"))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(ImapFailure.Kind.IMAP_DISABLED))
        .satisfies(f -> assertThat(f.getMessage()).contains("Turn IMAP on"));
    assertThat(from("User is authenticated but not connected.").kind()).as("Microsoft 365 with IMAP off").isEqualTo(ImapFailure.Kind.IMAP_DISABLED);
    assertThat(from("[AUTHENTICATIONFAILED] Invalid credentials (Failure)").kind()).isEqualTo(ImapFailure.Kind.AUTHENTICATION_FAILED);
    assertThat(ImapFailure.Kind.values()).filteredOn(ImapFailure.Kind::isCredentialProblem)
        .containsExactlyInAnyOrder(ImapFailure.Kind.AUTHENTICATION_FAILED, ImapFailure.Kind.APP_PASSWORD_REQUIRED, ImapFailure.Kind.WEB_LOGIN_REQUIRED,
            ImapFailure.Kind.IMAP_DISABLED);
  }

  @Test
  void readsRfc5530ResponseCodesWhateverTheServersWords() {
    assertThat(from("[PRIVACYREQUIRED] Connection is not private"))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(ImapFailure.Kind.TLS_ERROR))
        .satisfies(f -> assertThat(f.getMessage()).contains("Choose SSL (port 993) or STARTTLS (port 143)"));
    assertThat(from("Plaintext authentication disallowed on non-secure (SSL/TLS) connections.").kind()).as("Dovecot's words").isEqualTo(ImapFailure.Kind.TLS_ERROR);
    assertThat(from("[EXPIRED] That password has expired"))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(ImapFailure.Kind.AUTHENTICATION_FAILED))
        .satisfies(f -> assertThat(f.getMessage()).contains("has expired").contains("Change it with the provider"));
    assertThat(from("[CONTACTADMIN] Account disabled"))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(ImapFailure.Kind.AUTHENTICATION_FAILED))
        .satisfies(f -> assertThat(f.getMessage()).contains("Ask the mail administrator"));
    assertThat(from("[UNAVAILABLE] Temporary authentication failure").kind()).isEqualTo(ImapFailure.Kind.THROTTLED);
    assertThat(ImapFailure.from(new MessagingException("[SERVERBUG] Internal error occurred"), gmail))
        .satisfies(f -> assertThat(f.kind()).isEqualTo(ImapFailure.Kind.SERVER_ERROR))
        .satisfies(f -> assertThat(f.getMessage()).contains("failed on its side"));
  }

  @Test
  void everyKindIsAReasonSyncStatusReportsName() {
    for (ImapFailure.Kind kind : ImapFailure.Kind.values()) {
      assertThat(kind.reason().name()).isEqualTo(kind.name());
    }
    assertThat(ImapFailure.from(new MessagingException("connect failed", new java.net.ConnectException("Connection refused")), gmail).kind())
        .isEqualTo(ImapFailure.Kind.HOST_UNREACHABLE);
    assertThat(ImapFailure.from(new MessagingException("handshake", new javax.net.ssl.SSLHandshakeException("PKIX path building failed")), gmail).kind())
        .isEqualTo(ImapFailure.Kind.TLS_ERROR);
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsATimeout() {
    var silent = new MessagingException("read failed", new SocketTimeoutException("Read timed out"));

    assertThat(ImapFailure.from(silent, gmail).kind()).isEqualTo(ImapFailure.Kind.TIMEOUT);
  }

  private ImapFailure from(String reply) {
    return ImapFailure.from(new AuthenticationFailedException(reply), gmail);
  }
}
