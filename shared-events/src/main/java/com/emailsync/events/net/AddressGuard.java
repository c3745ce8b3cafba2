package com.emailsync.events.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Keeps a user-given host (a mail server, a webhook endpoint) from reaching into the network the services run in
 * (SSRF): a host that resolves to a loopback, private, link-local (the cloud metadata service at 169.254.169.254),
 * carrier-grade NAT, unique-local, multicast or reserved address is refused, unless configuration allows it by name or
 * by CIDR. Callers connect to the very addresses checked, so a DNS answer that changes between the check and the
 * connect (rebinding) cannot redirect them.
 */
public final class AddressGuard {

  /** Looks a host name up; a stub in tests, so that no test resolves or dials anything outside this machine. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final List<String> allowedNames;
  private final List<Cidr> allowedRanges;
  private final Resolver resolver;

  private AddressGuard(List<String> allowed, Resolver resolver) {
    this.allowedNames = allowed.stream().filter(entry -> !entry.contains("/")).map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
    this.allowedRanges = allowed.stream().filter(entry -> entry.contains("/")).map(Cidr::parse).toList();
    this.resolver = resolver;
  }

  /**
   * @param allowed host names (allowed whatever they resolve to) and CIDR ranges (addresses allowed although
   *     internal), e.g. {@code 127.0.0.1} for a server on the same machine
   */
  public static AddressGuard allowing(List<String> allowed, Resolver resolver) {
    return new AddressGuard(allowed, resolver);
  }

  public static AddressGuard allowing(List<String> allowed) {
    return new AddressGuard(allowed, InetAddress::getAllByName);
  }

  /** Whether the operator listed the host by name (it may then also be reached in clear). */
  public boolean allowedByName(String host) {
    return allowedNames.contains(host.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * The host's addresses, every one checked.
   *
   * @throws Refused when it does not resolve, or resolves to an internal address not allowed
   */
  public InetAddress[] check(String host) throws Refused {
    String name = host.strip();
    InetAddress[] addresses;
    try {
      addresses = literal(name) ? new InetAddress[] {InetAddress.ofLiteral(name)} : resolver.resolve(name);
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw new Refused(Refused.Reason.UNKNOWN_HOST, name, null);
    }
    if (addresses.length == 0) {
      throw new Refused(Refused.Reason.UNKNOWN_HOST, name, null);
    }
    if (!allowedByName(name)) {
      for (InetAddress address : addresses) {
        if (internal(address) && allowedRanges.stream().noneMatch(range -> range.contains(address))) {
          throw new Refused(Refused.Reason.INTERNAL_ADDRESS, name, address);
        }
      }
    }
    return addresses;
  }

  /** A host that may not be reached. */
  public static final class Refused extends Exception {

    public enum Reason {
      /** It does not resolve. */
      UNKNOWN_HOST,
      /** It resolves to an address inside a private network. */
      INTERNAL_ADDRESS
    }

    private final Reason reason;
    private final String host;
    private final InetAddress address;

    Refused(Reason reason, String host, InetAddress address) {
      super(reason == Reason.UNKNOWN_HOST
          ? host + " could not be found (no such host name)"
          : host + " resolves to " + address.getHostAddress() + ", an address inside a private network");
      this.reason = reason;
      this.host = host;
      this.address = address;
    }

    public Reason reason() {
      return reason;
    }

    public String host() {
      return host;
    }

    /** The internal address it resolved to; null when it did not resolve. */
    public InetAddress address() {
      return address;
    }
  }

  /** An address written out ({@code 10.0.0.1}, {@code ::1}), which needs no lookup. */
  private static boolean literal(String host) {
    return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
  }

  /** Whether the address is one no public server has. */
  public static boolean internal(InetAddress address) {
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
      if (bytes[0] == 0x20 && bytes[1] == 0x02) {
        // 6to4 (2002::/16) carries an IPv4 address in bytes 2 to 5: internal when it is.
        try {
          return internal(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 2, 6)));
        } catch (UnknownHostException impossible) {
          return true;
        }
      }
      if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b && bytes[4] == 0x00 && bytes[5] == 0x01) {
        return true; // local-use NAT64 (64:ff9b:1::/48), a network's own translator
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
