package com.emailsync.imap;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import com.emailsync.events.net.AddressGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import javax.net.SocketFactory;

/**
 * Keeps a user-given IMAP host from reaching into the network the services run in (SSRF): a host that resolves to a
 * loopback, private, link-local (the cloud metadata service at 169.254.169.254), carrier-grade NAT, unique-local,
 * multicast or reserved address is refused, unless configuration allows it by name or by CIDR. The connection then
 * goes to the very address that was checked ({@link #pinnedTo}), so a DNS answer that changes between the check and
 * the connect (rebinding) cannot redirect it. Mail in clear ({@code NONE}) only to hosts allowed by name.
 */
public final class HostGuard {

  /** Looks a host name up; a stub in tests, so that no test resolves or dials anything outside this machine. */
  @FunctionalInterface
  public interface Resolver extends AddressGuard.Resolver {}

  private final AddressGuard guard;

  private HostGuard(AddressGuard guard) {
    this.guard = guard;
  }

  /**
   * @param allowed host names (allowed whatever they resolve to, and in clear) and CIDR ranges (addresses allowed
   *     although internal), e.g. {@code 127.0.0.1} for a mail server on the same machine
   */
  public static HostGuard allowing(List<String> allowed) {
    return new HostGuard(AddressGuard.allowing(allowed));
  }

  public static HostGuard allowing(List<String> allowed, Resolver resolver) {
    return new HostGuard(AddressGuard.allowing(allowed, resolver));
  }

  /**
   * The address to connect to, checked.
   *
   * @throws ImapFailure {@code HOST_NOT_ALLOWED} for an internal address or mail in clear to a host not allowed by
   *     name, {@code HOST_UNREACHABLE} for a host that does not resolve
   */
  public InetAddress check(ConnectionChanged.Imap endpoint) throws ImapFailure {
    String host = endpoint.host().strip();
    if (endpoint.security() == ImapSecurity.NONE && !guard.allowedByName(host)) {
      throw new ImapFailure(ImapFailure.Kind.HOST_NOT_ALLOWED,
          "Connections without TLS (security NONE) would send the password in clear; they are allowed only to mail servers"
              + " the operator listed. Use SSL (port 993) or STARTTLS (port 143) for " + host + ".");
    }
    try {
      return guard.check(host)[0];
    } catch (AddressGuard.Refused refused) {
      throw switch (refused.reason()) {
        case UNKNOWN_HOST -> new ImapFailure(ImapFailure.Kind.HOST_UNREACHABLE,
            "The mail server " + host + " could not be found (no such host name); check the spelling.");
        case INTERNAL_ADDRESS -> new ImapFailure(ImapFailure.Kind.HOST_NOT_ALLOWED,
            "The mail server " + host + " resolves to " + refused.address().getHostAddress() + ", an address inside a private network, which this"
                + " service does not connect to. Use your mail provider's public host name (for example imap.gmail.com).");
      };
    }
  }

  /** Whether the address is one no public mail server has. */
  static boolean internal(InetAddress address) {
    return AddressGuard.internal(address);
  }

  /**
   * Sockets that connect to the checked address whatever host name the mail library asks for; TLS still verifies the
   * certificate against the host name, as the socket is layered over, not renamed.
   */
  public static SocketFactory pinnedTo(InetAddress checked) {
    return new SocketFactory() {
      @Override
      public Socket createSocket() {
        return new Socket() {
          @Override
          public void connect(SocketAddress endpoint, int timeout) throws IOException {
            int port = ((InetSocketAddress) endpoint).getPort();
            super.connect(new InetSocketAddress(checked, port), timeout);
          }
        };
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw onlyUnconnected();
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw onlyUnconnected();
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        throw onlyUnconnected();
      }

      @Override
      public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw onlyUnconnected();
      }
    };
  }

  /** Angus Mail asks for unconnected sockets only; a connected one would bypass the checked address. */
  private static UnsupportedOperationException onlyUnconnected() {
    return new UnsupportedOperationException("only unconnected sockets, which connect to the checked address");
  }
}
