package com.emailsync.imap;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final List<String> allowedNames;
  private final List<Cidr> allowedRanges;
  private final Resolver resolver;

  private HostGuard(List<String> allowed, Resolver resolver) {
    this.allowedNames = allowed.stream().filter(entry -> !entry.contains("/")).map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
    this.allowedRanges = allowed.stream().filter(entry -> entry.contains("/")).map(Cidr::parse).toList();
    this.resolver = resolver;
  }

  /**
   * @param allowed host names (allowed whatever they resolve to, and in clear) and CIDR ranges (addresses allowed
   *     although internal), e.g. {@code 127.0.0.1} for a mail server on the same machine
   */
  public static HostGuard allowing(List<String> allowed) {
    return new HostGuard(allowed, InetAddress::getAllByName);
  }

  public static HostGuard allowing(List<String> allowed, Resolver resolver) {
    return new HostGuard(allowed, resolver);
  }

  /**
   * The address to connect to, checked.
   *
   * @throws ImapFailure {@code HOST_NOT_ALLOWED} for an internal address or mail in clear to a host not allowed by
   *     name, {@code HOST_UNREACHABLE} for a host that does not resolve
   */
  public InetAddress check(ConnectionChanged.Imap endpoint) throws ImapFailure {
    String host = endpoint.host().strip();
    boolean allowedByName = allowedNames.contains(host.toLowerCase(Locale.ROOT));
    if (endpoint.security() == ImapSecurity.NONE && !allowedByName) {
      throw new ImapFailure(ImapFailure.Kind.HOST_NOT_ALLOWED,
          "Connections without TLS (security NONE) would send the password in clear; they are allowed only to mail servers"
              + " the operator listed. Use SSL (port 993) or STARTTLS (port 143) for " + host + ".");
    }
    InetAddress[] addresses;
    try {
      addresses = literal(host) ? new InetAddress[] {InetAddress.ofLiteral(host)} : resolver.resolve(host);
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw new ImapFailure(ImapFailure.Kind.HOST_UNREACHABLE, "The mail server " + host + " could not be found (no such host name); check the spelling.");
    }
    if (addresses.length == 0) {
      throw new ImapFailure(ImapFailure.Kind.HOST_UNREACHABLE, "The mail server " + host + " could not be found (no such host name); check the spelling.");
    }
    if (!allowedByName) {
      for (InetAddress address : addresses) {
        if (internal(address) && allowedRanges.stream().noneMatch(range -> range.contains(address))) {
          throw new ImapFailure(ImapFailure.Kind.HOST_NOT_ALLOWED,
              "The mail server " + host + " resolves to " + address.getHostAddress() + ", an address inside a private network, which this"
                  + " service does not connect to. Use your mail provider's public host name (for example imap.gmail.com).");
        }
      }
    }
    return addresses[0];
  }

  /** An address written out ({@code 10.0.0.1}, {@code ::1}), which needs no lookup. */
  private static boolean literal(String host) {
    return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  /** Whether the address is one no public mail server has. */
  static boolean internal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      return first == 0 // "this network"
          || first == 100 && second >= 64 && second <= 127 // carrier-grade NAT
          || first == 192 && second == 0 && (bytes[2] & 0xff) == 0 // IETF protocol assignments
          || first == 198 && (second == 18 || second == 19) // benchmarking
          || first >= 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      if ((bytes[0] & 0xfe) == 0xfc) {
        return true; // unique local fc00::/7, fd00:ec2::254 (a cloud's metadata service) among them
      }
      boolean nat64 = bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b;
      if (nat64 || Arrays.equals(Arrays.copyOf(bytes, 12), new byte[12])) {
        try {
          return internal(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
        } catch (UnknownHostException impossible) {
          return true;
        }
      }
    }
    return false;
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

  /** An address range, e.g. {@code 10.0.0.0/8}. */
  private record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      String[] parts = text.strip().split("/");
      try {
        return new Cidr(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
      } catch (UnknownHostException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IllegalArgumentException("not an address range: " + text, e);
      }
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
