package com.emailsync.automation.trigger;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An automation a tenant set up: what triggers it, on which mail, and whether it is on.
 *
 * @param createdBy the user whose token created it; null for automations from before users were known
 * @param scope the connections (and folders) whose mail it fires on; empty: all of the tenant's
 * @param filters what else the mail must be; by default anything a person wrote
 */
public record Automation(
    String id,
    String tenantId,
    String name,
    Trigger trigger,
    boolean enabled,
    Instant createdAt,
    @Nullable String createdBy,
    AutomationScope scope,
    MailFilters filters) {

  public Automation {
    scope = scope == null ? AutomationScope.EVERYWHERE : scope;
    filters = filters == null ? MailFilters.DEFAULT : filters;
  }

  public enum Trigger {
    /** A CRM contact sends an email to a connected mailbox. */
    CONTACT_SENDS_EMAIL
  }

  /**
   * Why this automation does not fire on the mail, or null when it does.
   *
   * @param facts what else filters may ask about the mail, each fetched only when needed
   */
  public @Nullable SkipReason skipReason(com.emailsync.events.ContactEmailLogged logged, MailFacts facts) {
    // Mail an automation sent never fires one, whatever the filters: two automations would answer each other for ever.
    if (logged.sentByAutomation()) {
      return SkipReason.SENT_BY_AUTOMATION;
    }
    if (!scope.covers(logged.connectionId(), logged.folder())) {
      return SkipReason.OUT_OF_SCOPE;
    }
    return filters.skipReason(logged, facts);
  }
}
