package com.emailsync.connection.discovery;

import java.util.List;

/** The DNS records discovery reads; a test gives a stub, so that nothing leaves the machine. */
public interface DnsLookup {

  /** The SRV records of {@code name} (e.g. {@code _imaps._tcp.acme.example}); none when there are none or DNS fails. */
  List<Srv> srv(String name);

  /** The hosts of the domain's MX records, lower-case, without the trailing dot; none when there are none. */
  List<String> mx(String domain);

  /** An SRV record (RFC 2782): {@code target} "." means the service is not offered. */
  record Srv(int priority, int weight, int port, String target) {}
}
