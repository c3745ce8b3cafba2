package com.emailsync.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Store;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImapSessionsTest {

  @RegisterExtension static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP);

  /** GreenMail runs on this machine: allowed by name, as an operator lists an internal mail server. */
  private static final HostGuard LOOPBACK_ALLOWED = HostGuard.allowing(java.util.List.of("127.0.0.1"));

  private final ImapSessions sessions = new ImapSessions(Duration.ofSeconds(5), Duration.ofSeconds(5), LOOPBACK_ALLOWED);

  @Test
  void logsInAndListsTheFoldersThatHoldMail() throws Exception {
    greenMail.setUser("sam@acme.example", "sam@acme.example", "app-password");

    try (Store store = sessions.connect(endpoint(greenMail.getImap().getPort()), "app-password")) {
      assertThat(FolderLister.list(store)).extracting(MailFolder::name).contains("INBOX");
    }
  }

  @Test
  void keepsNoMoreSessionsToOneAccountThanItsLimitAndFreesOneWhenItCloses() throws Exception {
    greenMail.setUser("sam@acme.example", "sam@acme.example", "app-password");
    var manners = new HostManners(new HostManners.Settings(5, Duration.ofSeconds(30), 10, 20, Duration.ofSeconds(5), 2));
    var limited = new ImapSessions(Duration.ofSeconds(5), Duration.ofSeconds(5), false, manners, LOOPBACK_ALLOWED);
    var endpoint = endpoint(greenMail.getImap().getPort());

    Store first = limited.connect(endpoint, "app-password");
    try (Store second = limited.connect(endpoint, "app-password")) {
      assertThatThrownBy(() -> limited.connect(endpoint, "app-password"))
          .isInstanceOfSatisfying(ImapFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.THROTTLED))
          .hasMessageContaining("2 sessions to sam@acme.example are open already");
      assertThat(manners.openSessions("127.0.0.1", "SAM@acme.example")).isEqualTo(2);

      first.close();
      assertThat(manners.openSessions("127.0.0.1", "sam@acme.example")).isEqualTo(1);
      try (Store third = limited.connect(endpoint, "app-password")) {
        assertThat(third.isConnected()).isTrue();
      }
    }
    assertThatThrownBy(() -> limited.connect(endpoint, "wrong-secret")).isInstanceOf(ImapFailure.class);
    assertThat(manners.openSessions("127.0.0.1", "sam@acme.example")).as("a failed login holds no place").isZero();
  }

  /**
   * Angus Mail logs a store in again, by the credentials it keeps, when a store without connections is used: a closed
   * one must not, or a thread still using a store another closed leaves a session at the provider nothing owns.
   */
  @Test
  void aClosedSessionNeverLogsInAgain() throws Exception {
    greenMail.setUser("sam@acme.example", "sam@acme.example", "app-password");
    Store store = sessions.connect(endpoint(greenMail.getImap().getPort()), "app-password");
    // Folders taken before another thread closed the store, as a watch setting up its session holds them.
    var toOpen = store.getFolder("INBOX");
    var toAsk = (org.eclipse.angus.mail.imap.IMAPFolder) store.getFolder("INBOX");
    store.close();

    assertThatThrownBy(() -> toOpen.open(jakarta.mail.Folder.READ_ONLY)).isInstanceOf(jakarta.mail.MessagingException.class);
    assertThatThrownBy(toAsk::getUIDNext).isInstanceOf(jakarta.mail.MessagingException.class);
  }

  @Test
  void saysTheServerRejectedTheLoginWithoutRepeatingThePassword() {
    greenMail.setUser("sam@acme.example", "sam@acme.example", "app-password");

    assertThatThrownBy(() -> sessions.connect(endpoint(greenMail.getImap().getPort()), "wrong-secret"))
        .isInstanceOfSatisfying(
            ImapFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.AUTHENTICATION_FAILED))
        .hasMessageContaining("rejected the login for sam@acme.example")
        .hasMessageNotContaining("wrong-secret");
  }

  /** A server that answers a byte every 200 ms never trips a 1-s read timeout; the login's deadline (2 s) ends it. */
  @Test
  @org.junit.jupiter.api.Timeout(20)
  void givesUpOnAServerThatTricklesItsGreetingByTheLoginsDeadline() throws Exception {
    try (var server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (var client = server.accept(); var out = client.getOutputStream()) {
          out.write("* OK ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          while (true) {
            out.write('.');
            out.flush();
            Thread.sleep(200);
          }
        } catch (Exception closed) {
          // The client gave up and closed the connection.
        }
      });
      var patient = new ImapSessions(Duration.ofSeconds(1), Duration.ofSeconds(1), LOOPBACK_ALLOWED);
      long started = System.nanoTime();

      assertThatThrownBy(() -> patient.connect(endpoint(server.getLocalPort()), "app-password"))
          .isInstanceOfSatisfying(ImapFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.TIMEOUT))
          .hasMessageContaining("did not finish logging in within 2 seconds");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void saysTheServerCouldNotBeReached() throws Exception {
    int closedPort;
    try (var socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> sessions.connect(endpoint(closedPort), "app-password"))
        .isInstanceOfSatisfying(
            ImapFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.HOST_UNREACHABLE))
        .hasMessageContaining("could not be reached");
  }

  private static ConnectionChanged.Imap endpoint(int port) {
    return new ConnectionChanged.Imap("127.0.0.1", port, ImapSecurity.NONE, "sam@acme.example");
  }
}
