package com.emailsync.automation.trigger;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

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

  public Automation create(String tenantId, String name, Automation.Trigger trigger, boolean enabled) {
    var automation = new Automation(ids.get(), tenantId, name, trigger, enabled, clock.instant());
    repository.save(automation);
    return automation;
  }

  public Automation update(String tenantId, String automationId, String name, Automation.Trigger trigger, boolean enabled) {
    Automation current = get(tenantId, automationId);
    var updated = new Automation(current.id(), tenantId, name, trigger, enabled, current.createdAt());
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

  public List<Firing> firings(String tenantId, String automationId, int limit) {
    get(tenantId, automationId);
    return ledger.firings(tenantId, automationId, limit);
  }
}
