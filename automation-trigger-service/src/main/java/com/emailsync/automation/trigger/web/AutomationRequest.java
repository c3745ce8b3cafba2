package com.emailsync.automation.trigger.web;

import com.emailsync.automation.trigger.Automation;
import com.emailsync.automation.trigger.AutomationScope;
import com.emailsync.automation.trigger.Automations;
import com.emailsync.automation.trigger.MailFilters;
import com.emailsync.automation.trigger.TextCondition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An automation as a user sends it. {@code scope} and {@code filters} are optional: without them it fires on every
 * contact's mail a person wrote, in every connection of the tenant.
 */
record AutomationRequest(
    @NotBlank @Size(max = 200) String name,
    @NotNull Automation.Trigger trigger,
    @NotNull Boolean enabled,
    @Valid @Nullable Scope scope,
    @Valid @Nullable Filters filters) {

  /**
   * @param connectionIds the connections whose mail it fires on; empty or absent: all
   * @param folders the folders whose mail it fires on ({@code INBOX}, {@code Customers}); empty or absent: all
   */
  record Scope(
      @Nullable @Size(max = 100) List<@NotBlank @Size(max = 200) String> connectionIds,
      @Nullable @Size(max = 100) List<@NotBlank @Size(max = 1000) String> folders) {}

  /**
   * @param subject {@code {"contains": "quote"}}, {@code {"matches": "(?i)order #\\d+"}} (RE2), or both
   * @param senderDomains the sender's domain (or a subdomain of it) must be one of these
   */
  record Filters(
      @Valid @Nullable Text subject,
      @Valid @Nullable Text body,
      @Valid @Nullable Attribute contactAttribute,
      @Nullable @Size(max = 100) List<@Pattern(regexp = DOMAIN, message = "must be a domain name, like customer.example") String> senderDomains,
      @Nullable Boolean firstEmailOnly,
      @Nullable Boolean includeAutoReplies,
      @Nullable Boolean includeBulk) {}

  record Text(@Nullable String contains, @Nullable String matches) {}

  /** A CRM segment: the contact's field {@code name} is one of {@code values}. */
  record Attribute(@NotBlank @Size(max = 200) String name, @NotNull @Size(min = 1, max = 100) List<@NotBlank @Size(max = 500) String> values) {}

  /** A host name of labels of letters, digits and hyphens: what an address's domain can be. */
  static final String DOMAIN = "(?i)^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";

  /** A text condition of the filters, one that cannot be used naming its field ({@code filters.<name>.matches}...). */
  private static @Nullable TextCondition condition(String name, @Nullable Text text) {
    if (text == null) {
      return null;
    }
    try {
      return TextCondition.of(text.contains(), text.matches());
    } catch (TextCondition.InvalidCondition e) {
      throw new InvalidFilter("filters." + name + "." + e.field(), e.getMessage());
    }
  }

  /** A filter that cannot be used: {@code field} is its path in the request. */
  static final class InvalidFilter extends RuntimeException {
    final String field;

    InvalidFilter(String field, String message) {
      super(message);
      this.field = field;
    }
  }

  Automations.Spec spec() {
    var scopeOf = scope == null ? AutomationScope.EVERYWHERE : new AutomationScope(scope.connectionIds(), scope.folders());
    MailFilters filtersOf = filters == null
        ? MailFilters.DEFAULT
        : new MailFilters(
            condition("subject", filters.subject()),
            condition("body", filters.body()),
            filters.contactAttribute() == null ? null
                : new com.emailsync.automation.trigger.ContactAttributeCondition(filters.contactAttribute().name(), filters.contactAttribute().values()),
            filters.senderDomains() == null ? List.of() : filters.senderDomains(),
            Boolean.TRUE.equals(filters.firstEmailOnly()),
            Boolean.TRUE.equals(filters.includeAutoReplies()),
            Boolean.TRUE.equals(filters.includeBulk()));
    return new Automations.Spec(name, trigger, enabled, scopeOf, filtersOf);
  }
}
