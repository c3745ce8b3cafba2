package com.emailsync.contacthistory.settings;

import com.emailsync.contacthistory.contacts.Addresses;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a tenant's contact history logs. Until a tenant sets its own, {@link #DEFAULTS} apply.
 *
 * @param looseAddressMatching compare addresses as Gmail delivers ({@code first.last+crm@gmail.com} is
 *     {@code firstlast@gmail.com}); off by default, since elsewhere the dots and tags may name other mailboxes
 * @param blockedAddresses never logged, whoever has them
 * @param blockedDomains never logged, nor their subdomains
 * @param excludeRoleAddresses leave out machine senders ({@code noreply@}, {@code mailer-daemon@}, bounces) and
 *     mailing-list mail ({@code List-Id}); on by default
 * @param excludePersonalWebmail leave out addresses at personal webmail providers (gmail.com, outlook.com…), for
 *     tenants that log business correspondence only; off by default
 * @param catchUpWindow how far back a new contact's mail is brought in; null for the service's default
 * @param retention entries older than this are erased; null keeps them
 * @param eraseWithConnection erase the entries a connection logged when the connection is deleted
 * @param visibility how much of each mail is kept and shown; {@code FULL} by default
 * @param suggestions whether to suggest the people the tenant corresponds with who are no contacts; off by default
 * @param connections a connection's own visibility, exclusions and suggestions, by connection id, where they differ
 *     from the tenant's; address matching and blocklists are the tenant's alone, as its contacts are
 */
public record HistorySettings(
    boolean looseAddressMatching,
    Set<String> blockedAddresses,
    Set<String> blockedDomains,
    boolean excludeRoleAddresses,
    boolean excludePersonalWebmail,
    @Nullable Duration catchUpWindow,
    @Nullable Duration retention,
    boolean eraseWithConnection,
    Visibility visibility,
    SuggestionPolicy suggestions,
    Map<String, ConnectionSettings> connections) {

  public static final HistorySettings DEFAULTS =
      new HistorySettings(false, Set.of(), Set.of(), true, false, null, null, false, Visibility.FULL, SuggestionPolicy.OFF, Map.of());

  public HistorySettings {
    blockedAddresses = blockedAddresses.stream().map(Addresses::exact).collect(Collectors.toUnmodifiableSet());
    blockedDomains = blockedDomains.stream().map(d -> Addresses.exact("x@" + d.strip().toLowerCase(Locale.ROOT))).map(Addresses::domainOf)
        .collect(Collectors.toUnmodifiableSet());
    connections = connections.entrySet().stream()
        .filter(e -> !e.getValue().overridesNothing())
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** What applies to a connection's mail: its own settings where it has them, the tenant's otherwise. */
  public HistorySettings forConnection(String connectionId) {
    ConnectionSettings own = connections.get(connectionId);
    if (own == null) {
      return this;
    }
    return new HistorySettings(
        looseAddressMatching,
        blockedAddresses,
        blockedDomains,
        own.excludeRoleAddresses() != null ? own.excludeRoleAddresses() : excludeRoleAddresses,
        own.excludePersonalWebmail() != null ? own.excludePersonalWebmail() : excludePersonalWebmail,
        catchUpWindow,
        retention,
        eraseWithConnection,
        own.visibility() != null ? own.visibility() : visibility,
        own.suggestions() != null ? own.suggestions() : suggestions,
        connections);
  }

  /** The connections whose visibility differs from the tenant's, with theirs. */
  public Map<String, Visibility> connectionVisibility() {
    return connections.entrySet().stream()
        .filter(e -> e.getValue().visibility() != null)
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().visibility()));
  }

  public HistorySettings withSuggestions(SuggestionPolicy policy) {
    return new HistorySettings(looseAddressMatching, blockedAddresses, blockedDomains, excludeRoleAddresses, excludePersonalWebmail, catchUpWindow, retention, eraseWithConnection, visibility, policy, connections);
  }

  /** What may be kept and shown of the mail a connection logged. */
  public Visibility visibilityOf(String connectionId) {
    return forConnection(connectionId).visibility();
  }

  public HistorySettings withVisibility(Visibility tenantWide) {
    return new HistorySettings(looseAddressMatching, blockedAddresses, blockedDomains, excludeRoleAddresses, excludePersonalWebmail, catchUpWindow, retention, eraseWithConnection, tenantWide, suggestions, connections);
  }

  public HistorySettings withConnections(Map<String, ConnectionSettings> byConnection) {
    return new HistorySettings(looseAddressMatching, blockedAddresses, blockedDomains, excludeRoleAddresses, excludePersonalWebmail, catchUpWindow, retention, eraseWithConnection, visibility, suggestions, byConnection);
  }

  public HistorySettings withLooseAddressMatching(boolean loose) {
    return new HistorySettings(loose, blockedAddresses, blockedDomains, excludeRoleAddresses, excludePersonalWebmail, catchUpWindow, retention, eraseWithConnection, visibility, suggestions, connections);
  }

  public HistorySettings withBlocked(Set<String> addresses, Set<String> domains) {
    return new HistorySettings(looseAddressMatching, addresses, domains, excludeRoleAddresses, excludePersonalWebmail, catchUpWindow, retention, eraseWithConnection, visibility, suggestions, connections);
  }

  public HistorySettings withExclusions(boolean roleAddresses, boolean personalWebmail) {
    return new HistorySettings(looseAddressMatching, blockedAddresses, blockedDomains, roleAddresses, personalWebmail, catchUpWindow, retention, eraseWithConnection, visibility, suggestions, connections);
  }

  public HistorySettings withCatchUpWindow(@Nullable Duration window) {
    return new HistorySettings(looseAddressMatching, blockedAddresses, blockedDomains, excludeRoleAddresses, excludePersonalWebmail, window, retention, eraseWithConnection, visibility, suggestions, connections);
  }

  public HistorySettings withRetention(@Nullable Duration keepFor, boolean eraseWithConnection) {
    return new HistorySettings(looseAddressMatching, blockedAddresses, blockedDomains, excludeRoleAddresses, excludePersonalWebmail, catchUpWindow, keepFor, eraseWithConnection, visibility, suggestions, connections);
  }

  /** The key two addresses must share to be the same, under this tenant's matching. */
  public String matchKey(String exactAddress) {
    return looseAddressMatching ? Addresses.loose(exactAddress) : exactAddress;
  }

  public boolean blocks(String exactAddress) {
    if (blockedAddresses.contains(exactAddress)) {
      return true;
    }
    String domain = Addresses.domainOf(exactAddress);
    return blockedDomains.stream().anyMatch(blocked -> domain.equals(blocked) || domain.endsWith("." + blocked));
  }
}
