package com.emailsync.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import jakarta.mail.AuthenticationFailedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Per-host manners on loopback: a host that keeps failing stops being dialled; an account's own trouble does not. */
class HostMannersTest {

  private final HostManners.Settings strict = new HostManners.Settings(3, Duration.ofMinutes(1), 10, 20, Duration.ofSeconds(5));

  @Test
  void aHostWhoseLoginsKeepFailingIsLeftAloneInsteadOfDialledByEveryMailbox() throws IOException {
    try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger dialled = new AtomicInteger();
      // A server that hangs up at once: what a host that is down behind its load balancer looks like.
      Thread.ofVirtual().start(() -> {
        while (!server.isClosed()) {
          try (var socket = server.accept()) {
            dialled.incrementAndGet();
          } catch (IOException e) {
            return;
          }
        }
      });
      var manners = new HostManners(strict);
      var sessions = new ImapSessions(Duration.ofSeconds(5), Duration.ofSeconds(5), false, manners, HostGuard.allowing(java.util.List.of("127.0.0.1")));
      var endpoint = new ConnectionChanged.Imap("127.0.0.1", server.getLocalPort(), ImapSecurity.NONE, "sam@acme.example");

      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> sessions.connect(endpoint, "app-password")).isInstanceOf(ImapFailure.class);
      }
      assertThatThrownBy(() -> sessions.connect(endpoint, "app-password"))
          .isInstanceOf(ImapFailure.class)
          .hasMessageContaining("left alone")
          .satisfies(e -> assertThat(((ImapFailure) e).kind()).isEqualTo(ImapFailure.Kind.HOST_UNREACHABLE));

      assertThat(dialled.get()).as("the fourth login never dialled").isEqualTo(3);
      assertThat(manners.hostsLeftAlone()).containsExactly("127.0.0.1");
    }
  }

  @Test
  void aRejectedPasswordOrAThrottledAccountDoesNotCountAgainstTheHost() throws ImapFailure {
    var manners = new HostManners(strict);
    for (int i = 0; i < 5; i++) {
      ImapFailure.Kind kind = i % 2 == 0 ? ImapFailure.Kind.AUTHENTICATION_FAILED : ImapFailure.Kind.THROTTLED;
      assertThatThrownBy(() -> manners.login("imap.acme.example", () -> {
        throw new ImapFailure(kind, "the account's affair");
      })).isInstanceOf(ImapFailure.class);
    }
    assertThat(manners.hostsLeftAlone()).isEmpty();
    AtomicInteger dialled = new AtomicInteger();

    manners.login("imap.acme.example", () -> {
      dialled.incrementAndGet();
      return null;
    });

    assertThat(dialled.get()).isEqualTo(1);
  }

  @Test
  void aProvidersRequestToSlowDownIsReadBeforeARejectedPassword() {
    var endpoint = new ConnectionChanged.Imap("imap.gmail.com", 993, ImapSecurity.SSL, "sam@acme.example");

    assertThat(ImapFailure.from(new AuthenticationFailedException("[ALERT] Too many simultaneous connections. (Failure)"), endpoint).kind())
        .isEqualTo(ImapFailure.Kind.THROTTLED);
    assertThat(ImapFailure.from(new AuthenticationFailedException("[UNAVAILABLE] Temporary authentication failure"), endpoint).kind())
        .isEqualTo(ImapFailure.Kind.THROTTLED);
    assertThat(ImapFailure.from(new AuthenticationFailedException("[AUTHENTICATIONFAILED] Invalid credentials (Failure)"), endpoint).kind())
        .isEqualTo(ImapFailure.Kind.AUTHENTICATION_FAILED);
  }
}
