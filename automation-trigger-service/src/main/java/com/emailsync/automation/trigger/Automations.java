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
  private final boolean bodiesReadable;

  public Automations(AutomationRepository repository, FiringLedger ledger, Clock clock, Supplier<String> ids) {
    this(repository, ledger, clock, ids, true);
  }

  /** @param bodiesReadable whether mail bodies can be read for body filters; without, such filters are refused */
  public Automations(AutomationRepository repository, FiringLedger ledger, Clock clock, Supplier<String> ids, boolean bodiesReadable) {
    this.bodiesReadable = bodiesReadable;
    this.repository = repository;
    this.ledger = ledger;
    this.clock = clock;
    this.ids = ids;
  }

  /** What a user sets of an automation: all of it but its id, tenant and creation. */
  public record Spec(String name, Automation.Trigger trigger, boolean enabled, AutomationScope scope, MailFilters filters) {}

  /** A body filter on a service that cannot read bodies: it would never let anything through. */
  public static final class BodyFiltersUnavailable extends RuntimeException {
    BodyFiltersUnavailable() {
      super("Body filters need the contact-history service's internal API configured (emailsync.contact-history.*) on this service.");
    }
  }

  private void checkReadable(Spec spec) {
    if (spec.filters().body() != null && !bodiesReadable) {
      throw new BodyFiltersUnavailable();
    }
  }

  public Automation create(String tenantId, @Nullable String userId, Spec spec) {
    checkReadable(spec);
    var automation = new Automation(ids.get(), tenantId, spec.name(), spec.trigger(), spec.enabled(), clock.instant(), userId, spec.scope(), spec.filters());
    repository.save(automation);
    return automation;
  }

  public Automation update(String tenantId, String automationId, Spec spec) {
    checkReadable(spec);
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
