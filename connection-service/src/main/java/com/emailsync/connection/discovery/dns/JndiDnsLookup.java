package com.emailsync.connection.discovery.dns;

import com.emailsync.connection.discovery.DnsLookup;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;

/**
 * DNS through the JDK's own resolver (JNDI's DNS provider), with a short timeout: discovery is a suggestion, and a slow
 * DNS must not hold the request.
 */
public final class JndiDnsLookup implements DnsLookup {

  private final String server;

  /** @param server the DNS server to ask ({@code host:port}); blank for the system's own */
  public JndiDnsLookup(String server) {
    this.server = server;
  }

  @Override
  public List<Srv> srv(String name) {
    List<Srv> records = new ArrayList<>();
    for (String value : lookup(name, "SRV")) {
      String[] parts = value.strip().split("\\s+");
      if (parts.length == 4) {
        try {
          records.add(new Srv(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), withoutDot(parts[3])));
        } catch (NumberFormatException ignored) {
          // A malformed record is no suggestion.
        }
      }
    }
    return records;
  }

  @Override
  public List<String> mx(String domain) {
    List<String> hosts = new ArrayList<>();
    for (String value : lookup(domain, "MX")) {
      String[] parts = value.strip().split("\\s+");
      hosts.add(withoutDot(parts[parts.length - 1]).toLowerCase(Locale.ROOT));
    }
    return hosts;
  }

  private List<String> lookup(String name, String type) {
    var environment = new Hashtable<String, String>();
    environment.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    environment.put("com.sun.jndi.dns.timeout.initial", "1000");
    environment.put("com.sun.jndi.dns.timeout.retries", "1");
    if (!server.isBlank()) {
      environment.put("java.naming.provider.url", "dns://" + server);
    }
    List<String> values = new ArrayList<>();
    try {
      var context = new InitialDirContext(environment);
      try {
        Attribute attribute = context.getAttributes(name, new String[] {type}).get(type);
        if (attribute != null) {
          NamingEnumeration<?> all = attribute.getAll();
          while (all.hasMore()) {
            values.add(String.valueOf(all.next()));
          }
        }
      } finally {
        context.close();
      }
    } catch (NamingException e) {
      // No such name, no records, or DNS unreachable: nothing to suggest from DNS.
    }
    return values;
  }

  private static String withoutDot(String host) {
    return host.endsWith(".") && host.length() > 1 ? host.substring(0, host.length() - 1) : host;
  }
}
