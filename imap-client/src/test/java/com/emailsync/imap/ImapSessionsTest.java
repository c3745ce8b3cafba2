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

  /**
   * A server (or a man in the middle of a plain connection) that claims a 2-GB header: the session reads what one
   * response may cost (BoundedResponses), never the 2 GB Angus Mail alone would allocate before reading a byte.
   */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void aServerClaimingAHeaderOfTwoGigabytesCostsTheSessionAtMostOneResponsesBudget() throws Exception {
    try (var server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> hostileServer(server, "* OK [CAPABILITY IMAP4rev1] hostile\r\n"));
      var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

      try (Store store = sessions.connect(endpoint(server.getLocalPort()), "app-password")) {
        var inbox = store.getFolder("INBOX");
        inbox.open(jakarta.mail.Folder.READ_ONLY);
        var message = (jakarta.mail.internet.MimeMessage) inbox.getMessage(1);
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThatThrownBy(() -> message.getHeader("Subject")).isInstanceOf(jakarta.mail.MessagingException.class);
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated reading the answer")
            .isLessThan(BoundedResponses.LITERAL_BUDGET * 2);
      }
    }
  }

  /** The greeting is read before anything else: bounded like every other response. */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void aServerGreetingWithALiteralOfTwoGigabytesCostsAtMostOneResponsesBudget() throws Exception {
    try (var server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> hostileServer(server, "* OK {2000000000}\r\nthe rest never comes"));
      var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
      // The login runs on a thread of its own: what every thread allocated.
      long before = threads.getTotalThreadAllocatedBytes();

      assertThatThrownBy(() -> sessions.connect(endpoint(server.getLocalPort()), "app-password")).isInstanceOf(ImapFailure.class);
      assertThat(threads.getTotalThreadAllocatedBytes() - before).as("bytes allocated reading the greeting")
          .isLessThan(BoundedResponses.LITERAL_BUDGET * 2);
    }
  }

  /** Logs anyone in, shows an INBOX of one message, and answers a FETCH with a literal of 2 GB it never sends. */
  private static void hostileServer(ServerSocket server, String greeting) {
    try (var client = server.accept();
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
        var out = client.getOutputStream()) {
      java.util.function.Consumer<String> send = text -> {
        try {
          out.write(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          out.flush();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      };
      send.accept(greeting);
      for (String line; (line = in.readLine()) != null; ) {
        String tag = line.substring(0, line.indexOf(' '));
        String command = line.substring(tag.length() + 1).toUpperCase(java.util.Locale.ROOT);
        if (command.startsWith("CAPABILITY")) {
          send.accept("* CAPABILITY IMAP4rev1\r\n" + tag + " OK done\r\n");
        } else if (command.startsWith("EXAMINE") || command.startsWith("SELECT")) {
          send.accept("* 1 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] ok\r\n" + tag + " OK [READ-ONLY] done\r\n");
        } else if (command.startsWith("FETCH")) {
          send.accept("* 1 FETCH (BODY[HEADER] {2000000000}\r\nSubject: the rest never comes");
          return;
        } else {
          send.accept(tag + " OK done\r\n");
        }
      }
    } catch (Exception closed) {
      // The client closed the connection.
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
