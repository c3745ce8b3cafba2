package com.emailsync.contacthistory.history;

import com.emailsync.contacthistory.contacts.Addresses;
import com.emailsync.contacthistory.settings.HistorySettings;
import com.emailsync.contacthistory.settings.NoiseAddresses;
import com.emailsync.events.ContactEmailLogged.Role;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who in a mail may be logged as a contact, and in which role, under the tenant's settings: From, To and Cc; Bcc only
 * on mail the account sent (only the sender knows it); never Reply-To, which names where answers go, not who wrote.
 * Never the account's own addresses, a blocked address or domain, and, when the tenant excludes them, machine senders,
 * mailing-list mail and personal webmail.
 */
final class Participants {

  private Participants() {}

  /** @return the role of each participant, by the tenant's match key, first role first (From, To, Cc, Bcc) */
  static Map<String, Role> of(EmailEvent email, HistorySettings settings) {
    MailMessage message = email.message();
    if (settings.excludeRoleAddresses() && message.headers().listId() != null) {
      return Map.of();
    }
    Set<String> account = email.accountAddresses().stream().map(Addresses::exact).map(settings::matchKey).collect(Collectors.toSet());
    Map<String, Role> roles = new LinkedHashMap<>();
    add(roles, List.of(message.from()), Role.FROM, account, settings);
    add(roles, message.to(), Role.TO, account, settings);
    add(roles, message.cc(), Role.CC, account, settings);
    if (email.direction() == EmailEvent.Direction.SENT) {
      add(roles, message.bcc(), Role.BCC, account, settings);
    }
    return roles;
  }

  private static void add(Map<String, Role> roles, List<EmailAddress> addresses, Role role, Set<String> account, HistorySettings settings) {
    for (EmailAddress address : addresses) {
      String exact = Addresses.exact(address.address());
      String key = settings.matchKey(exact);
      if (!account.contains(key) && loggable(exact, settings)) {
        roles.putIfAbsent(key, role);
      }
    }
  }

  private static boolean loggable(String exact, HistorySettings settings) {
    return !settings.blocks(exact)
        && !(settings.excludeRoleAddresses() && NoiseAddresses.isRole(exact))
        && !(settings.excludePersonalWebmail() && NoiseAddresses.isPersonalWebmail(exact));
  }
}
