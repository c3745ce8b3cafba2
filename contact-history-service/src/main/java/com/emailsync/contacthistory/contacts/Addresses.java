package com.emailsync.contacthistory.contacts;

import java.net.IDN;
import java.util.Locale;
import java.util.Set;

/**
 * How an address is compared. Exactly: case-insensitive, and an internationalized domain in its ASCII (punycode) form,
 * so {@code Anna@Bücher.example} and {@code anna@xn--bcher-kva.example} are one address. Loosely, a per-tenant option:
 * as Gmail delivers, so {@code first.last+crm@gmail.com} is {@code firstlast@gmail.com}; the {@code +tag} is dropped
 * for every domain (sub-addressing, RFC 5233), the dots only where the provider ignores them.
 */
public final class Addresses {

  private static final Set<String> DOTS_IGNORED = Set.of("gmail.com", "googlemail.com");

  private Addresses() {}

  public static String exact(String address) {
    String trimmed = address.strip();
    int at = trimmed.lastIndexOf('@');
    if (at <= 0 || at == trimmed.length() - 1) {
      return trimmed.toLowerCase(Locale.ROOT);
    }
    String local = trimmed.substring(0, at).toLowerCase(Locale.ROOT);
    return local + "@" + asciiDomain(trimmed.substring(at + 1));
  }

  public static String loose(String address) {
    String exact = exact(address);
    int at = exact.lastIndexOf('@');
    if (at <= 0) {
      return exact;
    }
    String local = exact.substring(0, at);
    String domain = exact.substring(at + 1);
    int tag = local.indexOf('+');
    if (tag > 0) {
      local = local.substring(0, tag);
    }
    if (DOTS_IGNORED.contains(domain)) {
      local = local.replace(".", "");
      domain = "gmail.com";
    }
    return local + "@" + domain;
  }

  public static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1);
  }

  private static String asciiDomain(String domain) {
    try {
      return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      // Not a valid IDN: compared as written, which still matches the same string.
      return domain.toLowerCase(Locale.ROOT);
    }
  }
}
