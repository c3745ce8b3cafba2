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
 * @param body a condition on the body's text, read from the contact's history when the rest let the mail through; a
 *     mail whose body is not kept (the tenant keeps summaries only) does not meet it. Null: any
 * @param contactAttribute the contact must be in this CRM segment (one of its fields has one of the values); null: any
 * @param senderDomains the sender's domain must be one of these (or a subdomain); empty: any
 * @param firstEmailOnly fire on the first mail seen from the contact only (a new lead), not on every later one
 * @param includeAutoReplies fire on out-of-office answers, auto-responders, bounces and receipts too
 * @param includeBulk fire on mailing-list, newsletter and campaign mail too
 */
public record MailFilters(
    @Nullable TextCondition subject,
    @Nullable TextCondition body,
    @Nullable ContactAttributeCondition contactAttribute,
    List<String> senderDomains,
    boolean firstEmailOnly,
    boolean includeAutoReplies,
    boolean includeBulk) {

  public static final MailFilters DEFAULT = new MailFilters(null, null, null, List.of(), false, false, false);

  public MailFilters {
    senderDomains = senderDomains == null ? List.of() : senderDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).distinct().toList();
  }

  /** @param facts what else is known of the mail; its body is asked for only when every other filter passed (a call) */
  @Nullable SkipReason skipReason(ContactEmailLogged logged, MailFacts facts) {
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
    if (firstEmailOnly && !facts.firstFromContact()) {
      return SkipReason.NOT_FIRST_EMAIL;
    }
    if (contactAttribute != null && !contactAttribute.test(facts.contactAttributes().get())) {
      return SkipReason.CONTACT_ATTRIBUTE;
    }
    if (this.body != null && !facts.body().get().map(this.body::test).orElse(false)) {
      return SkipReason.BODY;
    }
    return null;
  }

  private boolean fromNamedDomain(String address) {
    String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return senderDomains.stream().anyMatch(named -> domain.equals(named) || domain.endsWith("." + named));
  }
}
