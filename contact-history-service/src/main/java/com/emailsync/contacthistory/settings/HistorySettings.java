package com.emailsync.contacthistory.settings;

import com.emailsync.contacthistory.contacts.Addresses;
import java.time.Duration;
import java.util.Locale;
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
 */
public record HistorySettings(
    boolean looseAddressMatching,
    Set<String> blockedAddresses,
    Set<String> blockedDomains,
    boolean excludeRoleAddresses,
    boolean excludePersonalWebmail,
    @Nullable Duration catchUpWindow) {

  public static final HistorySettings DEFAULTS = new HistorySettings(false, Set.of(), Set.of(), true, false, null);

  public HistorySettings {
    blockedAddresses = blockedAddresses.stream().map(Addresses::exact).collect(Collectors.toUnmodifiableSet());
    blockedDomains = blockedDomains.stream().map(d -> Addresses.exact("x@" + d.strip().toLowerCase(Locale.ROOT))).map(Addresses::domainOf)
        .collect(Collectors.toUnmodifiableSet());
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
