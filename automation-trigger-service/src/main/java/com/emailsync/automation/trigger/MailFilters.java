package com.emailsync.automation.trigger;

import com.emailsync.events.ContactEmailLogged;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a contact's mail must be for an automation to fire, beyond being written by the contact. Machine mail (auto
 * replies, bulk) is left out unless asked for: an out-of-office answer must not start a follow-up sequence again.
 *
 * @param subject a condition on the subject; null: any
 * @param senderDomains the sender's domain must be one of these (or a subdomain); empty: any
 * @param firstEmailOnly fire on the first mail seen from the contact only (a new lead), not on every later one
 * @param includeAutoReplies fire on out-of-office answers, auto-responders, bounces and receipts too
 * @param includeBulk fire on mailing-list, newsletter and campaign mail too
 */
public record MailFilters(
    @Nullable TextCondition subject, List<String> senderDomains, boolean firstEmailOnly, boolean includeAutoReplies, boolean includeBulk) {

  public static final MailFilters DEFAULT = new MailFilters(null, List.of(), false, false, false);

  public MailFilters {
    senderDomains = senderDomains == null ? List.of() : senderDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).distinct().toList();
  }

  @Nullable SkipReason skipReason(ContactEmailLogged logged, boolean firstFromContact) {
    if (logged.autoReply() && !includeAutoReplies) {
      return SkipReason.AUTO_REPLY;
    }
    if (logged.bulk() && !includeBulk) {
      return SkipReason.BULK;
    }
    if (subject != null && !subject.test(logged.subject())) {
      return SkipReason.SUBJECT;
    }
    if (!senderDomains.isEmpty() && !fromNamedDomain(logged.from().address())) {
      return SkipReason.SENDER_DOMAIN;
    }
    if (firstEmailOnly && !firstFromContact) {
      return SkipReason.NOT_FIRST_EMAIL;
    }
    return null;
  }

  private boolean fromNamedDomain(String address) {
    String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return senderDomains.stream().anyMatch(named -> domain.equals(named) || domain.endsWith("." + named));
  }
}
