package com.emailsync.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.emailsync.devissuer.LoopbackIssuer;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapAuth;
import com.emailsync.events.ImapSecurity;
import com.emailsync.testsupport.DovecotServer;
import jakarta.mail.Folder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SASL XOAUTH2 against a real Dovecot that checks each access token by introspection (RFC 7662) at an OAuth server on
 * loopback, as Gmail and Microsoft 365 check theirs: the mail server, not the client, decides whether a token is good.
 */
// Refused logins last: Dovecot slows every later login from the same address after them (its auth penalty).
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class XOAuth2LoginDovecotIT {

  private static final String SAM = "sam@acme.example";
  private static final String LEE = "lee@acme.example";

  private static LoopbackIssuer oauthServer;
  private static DovecotServer dovecot;
  private final ImapSessions sessions = new ImapSessions(Duration.ofSeconds(5), Duration.ofSeconds(10), HostGuard.allowing(List.of("127.0.0.1")));

  @BeforeAll
  static void start() {
    oauthServer = LoopbackIssuer.start(0);
    dovecot = DovecotServer.start(oauthServer.issuer() + "/introspect");
    dovecot.addUser(SAM, "sams-password");
    dovecot.addUser(LEE, "lees-password");
  }

  @AfterAll
  static void stop() {
    if (dovecot != null) {
      dovecot.close();
    }
    if (oauthServer != null) {
      oauthServer.close();
    }
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  void logsInWithAnAccessTokenTheServerAcceptsAndReadsTheMailbox() throws Exception {
    try (var store = sessions.connect(endpoint(SAM), oauthServer.mailboxToken(SAM, Duration.ofHours(1)))) {
      assertThat(store.isConnected()).isTrue();
      assertThat(store.getFolder("INBOX").exists()).isTrue();
      assertThat(FolderLister.list(store)).extracting(MailFolder::name).contains("INBOX");
      assertThat(store.getFolder("INBOX").getType() & Folder.HOLDS_MESSAGES).isNotZero();
    }
    // An access token is never sent as a LOGIN password: Dovecot saw XOAUTH2 only.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dovecot.loginMethodsOf(SAM)).isNotEmpty().containsOnly("XOAUTH2"));
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void aPasswordMailboxLogsInWithItsPasswordAsBefore() throws Exception {
    var withPassword = new ConnectionChanged.Imap(dovecot.host(), dovecot.port(), ImapSecurity.NONE, LEE);
    try (var store = sessions.connect(withPassword, "lees-password")) {
      assertThat(store.isConnected()).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dovecot.loginMethodsOf(LEE)).isNotEmpty().doesNotContain("XOAUTH2"));
  }

  @Test
  @org.junit.jupiter.api.Order(3)
  void anExpiredForgedOrSomeoneElsesTokenIsARefusedLoginTheOwnerMustRenew() {
    var refused = List.of(
        oauthServer.mailboxToken(SAM, Duration.ofMinutes(-5)),
        oauthServer.forgedToken("acme", SAM),
        oauthServer.mailboxToken(LEE, Duration.ofHours(1)));

    for (String token : refused) {
      assertThatThrownBy(() -> sessions.connect(endpoint(SAM), token).close())
          .isInstanceOfSatisfying(ImapFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.AUTHENTICATION_FAILED);
            assertThat(failure.getMessage()).doesNotContain(token);
          });
    }
  }

  private static ConnectionChanged.Imap endpoint(String user) {
    return new ConnectionChanged.Imap(dovecot.host(), dovecot.port(), ImapSecurity.NONE, user, ImapAuth.XOAUTH2);
  }
}
