package com.emailsync.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SSRF: every name here is answered by a stub resolver, and nothing but loopback is ever dialled. A refused host is
 * refused by the check, before any socket exists.
 */
class HostGuardTest {

  private static final Map<String, String> DNS = Map.of(
      "metadata.attacker.example", "169.254.169.254",
      "intranet.attacker.example", "10.0.0.1",
      "cgnat.attacker.example", "100.64.0.7",
      "ula.attacker.example", "fd00:ec2::254",
      "mapped.attacker.example", "::ffff:10.0.0.1",
      "imap.provider.example", "198.51.100.7",
      "loopback.attacker.example", "127.0.0.1");

  private static InetAddress[] stub(String host) throws UnknownHostException {
    String address = DNS.get(host);
    if (address == null) {
      throw new UnknownHostException(host);
    }
    return new InetAddress[] {InetAddress.getByName(address)};
  }

  private final HostGuard guard = HostGuard.allowing(List.of(), HostGuardTest::stub);

  @Test
  void refusesHostsThatResolveIntoAPrivateNetworkAndSaysWhichAddress() {
    for (String host : List.of("metadata.attacker.example", "intranet.attacker.example", "cgnat.attacker.example", "ula.attacker.example",
        "mapped.attacker.example", "loopback.attacker.example", "10.0.0.1", "169.254.169.254", "127.0.0.1",
        // 6to4 around 10.0.0.1 and 169.254.169.254, and a network's own NAT64 translator.
        "2002:a00:1::1", "2002:a9fe:a9fe::1", "64:ff9b:1::a00:1")) {
      assertThatThrownBy(() -> guard.check(tls(host, 993)))
          .as(host)
          .isInstanceOfSatisfying(ImapFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.HOST_NOT_ALLOWED))
          .hasMessageContaining("private network");
    }
  }

  @Test
  void letsAPublicHostThroughAndAnsweresTheAddressItChecked() throws Exception {
    assertThat(guard.check(tls("imap.provider.example", 993)).getHostAddress()).isEqualTo("198.51.100.7");
  }

  @Test
  void refusesMailInClearToAHostNotListedByName() {
    assertThatThrownBy(() -> guard.check(new ConnectionChanged.Imap("imap.provider.example", 143, ImapSecurity.NONE, "sam@acme.example")))
        .isInstanceOfSatisfying(ImapFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.HOST_NOT_ALLOWED))
        .hasMessageContaining("in clear");
  }

  @Test
  void anOperatorCanAllowAnInternalRangeOrAHostByName() throws Exception {
    var allowing = HostGuard.allowing(List.of("10.0.0.0/8", "loopback.attacker.example"), HostGuardTest::stub);

    assertThat(allowing.check(tls("intranet.attacker.example", 993)).getHostAddress()).isEqualTo("10.0.0.1");
    assertThat(allowing.check(new ConnectionChanged.Imap("loopback.attacker.example", 143, ImapSecurity.NONE, "sam")).getHostAddress())
        .isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> allowing.check(tls("metadata.attacker.example", 993))).isInstanceOf(ImapFailure.class);
  }

  @Test
  void aHostThatDoesNotResolveIsAConnectionFailure() {
    assertThatThrownBy(() -> guard.check(tls("no-such-host.example", 993)))
        .isInstanceOfSatisfying(ImapFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.HOST_UNREACHABLE));
  }

  @Test
  void theSessionRefusesBeforeDiallingAnything() {
    var sessions = new ImapSessions(Duration.ofSeconds(1), Duration.ofSeconds(1), guard);

    assertThatThrownBy(() -> sessions.connect(tls("metadata.attacker.example", 80), "secret"))
        .isInstanceOfSatisfying(ImapFailure.class, failure -> assertThat(failure.kind()).isEqualTo(ImapFailure.Kind.HOST_NOT_ALLOWED));
  }

  /**
   * No rebinding: the session connects to the address the guard checked, not to what the name resolves to later. The
   * stub answers "localhost" with 127.0.0.3, where a server listens; the system's own answer (127.0.0.1, from
   * /etc/hosts) has nothing on that port.
   */
  @Test
  void theSessionConnectsToTheAddressThatWasChecked() throws Exception {
    try (var server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.3"))) {
      CompletableFuture<Boolean> reached = CompletableFuture.supplyAsync(() -> {
        try (var accepted = server.accept()) {
          accepted.getOutputStream().write("* BYE not today\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          return true;
        } catch (java.io.IOException e) {
          return false;
        }
      });
      var pinned = HostGuard.allowing(List.of("localhost"), host -> new InetAddress[] {InetAddress.getByName("127.0.0.3")});
      var sessions = new ImapSessions(Duration.ofSeconds(2), Duration.ofSeconds(2), pinned);

      assertThatThrownBy(() -> sessions.connect(new ConnectionChanged.Imap("localhost", server.getLocalPort(), ImapSecurity.NONE, "sam"), "secret"))
          .isInstanceOf(ImapFailure.class);
      assertThat(reached.get(5, TimeUnit.SECONDS)).as("the checked address was dialled").isTrue();
    }
  }

  private static ConnectionChanged.Imap tls(String host, int port) {
    return new ConnectionChanged.Imap(host, port, ImapSecurity.SSL, "sam@acme.example");
  }
}
