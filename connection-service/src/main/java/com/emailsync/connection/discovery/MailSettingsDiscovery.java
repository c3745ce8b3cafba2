package com.emailsync.connection.discovery;

import com.emailsync.connection.discovery.MailSettings.SignIn;
import com.emailsync.connection.discovery.MailSettings.Source;
import com.emailsync.events.ImapSecurity;
import java.net.IDN;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Suggests a mailbox's IMAP settings from its address: the big providers by their domains; otherwise the domain's SRV
 * records (RFC 6186: {@code _imaps._tcp}, then {@code _imap._tcp} with STARTTLS); otherwise its MX records, when they
 * name Google (Workspace) or Microsoft 365. Nothing is dialled: a suggestion still passes the host guard at connect.
 */
public final class MailSettingsDiscovery {

  private static final MailSettings GOOGLE = preset("Google", "imap.gmail.com", SignIn.OAUTH_GOOGLE,
      "IMAP must be on (Gmail: Settings, Forwarding and POP/IMAP). Sign in with Google; with a password, only an app password works.");
  private static final MailSettings MICROSOFT = preset("Microsoft", "outlook.office365.com", SignIn.OAUTH_MICROSOFT,
      "Sign in with Microsoft: Microsoft has switched passwords off for IMAP.");

  private static final Map<String, MailSettings> BY_DOMAIN = presets(Map.ofEntries(
      Map.entry(GOOGLE, List.of("gmail.com", "googlemail.com")),
      Map.entry(MICROSOFT, List.of("outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.de", "hotmail.fr", "live.com", "live.de", "msn.com")),
      Map.entry(preset("Yahoo", "imap.mail.yahoo.com", SignIn.APP_PASSWORD, "Create an app password in the Yahoo account's security settings."),
          List.of("yahoo.com", "yahoo.co.uk", "yahoo.de", "yahoo.fr", "ymail.com", "rocketmail.com")),
      Map.entry(preset("iCloud", "imap.mail.me.com", SignIn.APP_PASSWORD, "Create an app-specific password at appleid.apple.com."),
          List.of("icloud.com", "me.com", "mac.com")),
      Map.entry(preset("AOL", "imap.aol.com", SignIn.APP_PASSWORD, "Create an app password in the AOL account's security settings."),
          List.of("aol.com")),
      Map.entry(preset("GMX", "imap.gmx.net", SignIn.PASSWORD, "IMAP must be switched on in the GMX settings (POP3 & IMAP)."),
          List.of("gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com")),
      Map.entry(preset("WEB.DE", "imap.web.de", SignIn.PASSWORD, "IMAP must be switched on in the WEB.DE settings (POP3/IMAP)."),
          List.of("web.de")),
      Map.entry(preset("Fastmail", "imap.fastmail.com", SignIn.APP_PASSWORD, "Create an app password in Fastmail's settings (Privacy & Security)."),
          List.of("fastmail.com", "fastmail.fm")),
      Map.entry(preset("Zoho", "imap.zoho.com", SignIn.PASSWORD, "IMAP must be switched on in Zoho Mail's settings; with two-step verification, an app password."),
          List.of("zoho.com", "zohomail.com")),
      Map.entry(preset("Yandex", "imap.yandex.com", SignIn.APP_PASSWORD, "Create an app password in the Yandex ID settings."),
          List.of("yandex.com", "yandex.ru")),
      Map.entry(preset("mail.com", "imap.mail.com", SignIn.PASSWORD, null), List.of("mail.com")),
      Map.entry(preset("Telekom", "secureimap.t-online.de", SignIn.PASSWORD, "Use the e-mail password set in the Telekom customer centre, not the login password."),
          List.of("t-online.de"))));

  private final DnsLookup dns;

  public MailSettingsDiscovery(DnsLookup dns) {
    this.dns = dns;
  }

  /** Settings to suggest for the address; none when nothing is known of its domain. */
  public Optional<MailSettings> discover(String emailAddress) {
    String domain = domainOf(emailAddress);
    if (domain == null) {
      return Optional.empty();
    }
    MailSettings known = BY_DOMAIN.get(domain);
    if (known != null) {
      return Optional.of(known);
    }
    return fromSrv(domain, "_imaps._tcp." + domain, ImapSecurity.SSL)
        .or(() -> fromSrv(domain, "_imap._tcp." + domain, ImapSecurity.STARTTLS))
        .or(() -> fromMx(domain));
  }

  /** The best record: lowest priority, then highest weight (a suggestion, not a load balancer); "." means none. */
  private Optional<MailSettings> fromSrv(String domain, String name, ImapSecurity security) {
    return dns.srv(name).stream()
        .filter(record -> !record.target().isBlank() && !record.target().equals(".") && record.port() > 0 && record.port() <= 65535)
        .min(Comparator.comparingInt(DnsLookup.Srv::priority).thenComparing(Comparator.comparingInt(DnsLookup.Srv::weight).reversed()))
        .map(record -> new MailSettings(record.target().toLowerCase(Locale.ROOT), record.port(), security, SignIn.PASSWORD, Source.SRV, domain, null));
  }

  /** A domain of its own whose mail Google or Microsoft receives: Google Workspace, Microsoft 365. */
  private Optional<MailSettings> fromMx(String domain) {
    List<String> exchangers = dns.mx(domain);
    if (exchangers.stream().anyMatch(host -> host.endsWith(".google.com") || host.endsWith(".googlemail.com"))) {
      return Optional.of(GOOGLE.from(Source.MX));
    }
    if (exchangers.stream().anyMatch(host -> host.endsWith(".mail.protection.outlook.com"))) {
      return Optional.of(MICROSOFT.from(Source.MX));
    }
    return Optional.empty();
  }

  /** The domain, lower-case and in ASCII (an internationalised domain as DNS names it); null if there is none. */
  static @Nullable String domainOf(String emailAddress) {
    int at = emailAddress.lastIndexOf('@');
    if (at < 0 || at == emailAddress.length() - 1) {
      return null;
    }
    try {
      return IDN.toASCII(emailAddress.substring(at + 1).strip(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static MailSettings preset(String provider, String host, SignIn signIn, @Nullable String note) {
    return new MailSettings(host, 993, ImapSecurity.SSL, signIn, Source.PRESET, provider, note);
  }

  private static Map<String, MailSettings> presets(Map<MailSettings, List<String>> domainsBySettings) {
    return domainsBySettings.entrySet().stream()
        .flatMap(entry -> entry.getValue().stream().map(domain -> Map.entry(domain, entry.getKey())))
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
