package com.emailsync.automation.trigger;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Creating, changing and removing a tenant's automations. */
public class Automations {

  private final AutomationRepository repository;
  private final FiringLedger ledger;
  private final Clock clock;
  private final Supplier<String> ids;

  public Automations(AutomationRepository repository, FiringLedger ledger, Clock clock, Supplier<String> ids) {
    this.repository = repository;
    this.ledger = ledger;
    this.clock = clock;
    this.ids = ids;
  }

  /** What a user sets of an automation: all of it but its id, tenant and creation. */
  public record Spec(String name, Automation.Trigger trigger, boolean enabled, AutomationScope scope, MailFilters filters) {}

  public Automation create(String tenantId, @Nullable String userId, Spec spec) {
    var automation = new Automation(ids.get(), tenantId, spec.name(), spec.trigger(), spec.enabled(), clock.instant(), userId, spec.scope(), spec.filters());
    repository.save(automation);
    return automation;
  }

  public Automation update(String tenantId, String automationId, Spec spec) {
    Automation current = get(tenantId, automationId);
    var updated = new Automation(current.id(), tenantId, spec.name(), spec.trigger(), spec.enabled(), current.createdAt(), current.createdBy(),
        spec.scope(), spec.filters());
    repository.save(updated);
    return updated;
  }

  public Automation get(String tenantId, String automationId) {
    return repository.find(tenantId, automationId).orElseThrow(() -> new AutomationNotFound(automationId));
  }

  public List<Automation> list(String tenantId) {
    return repository.findAll(tenantId);
  }

  public void delete(String tenantId, String automationId) {
    if (!repository.delete(tenantId, automationId)) {
      throw new AutomationNotFound(automationId);
    }
  }

  /** An automation's firings, newest first, a page at a time. */
  public List<Firing> firings(String tenantId, String automationId, FiringLedger.@Nullable Position after, int limit) {
    get(tenantId, automationId);
    return ledger.page(FiringLedger.Query.ofAutomation(tenantId, automationId), after, limit);
  }

  /** What fired for a contact, across the tenant's automations, newest first, a page at a time. */
  public List<Firing> firingsForContact(String tenantId, String contactId, FiringLedger.@Nullable Position after, int limit) {
    return ledger.page(FiringLedger.Query.ofContact(tenantId, contactId), after, limit);
  }
}
