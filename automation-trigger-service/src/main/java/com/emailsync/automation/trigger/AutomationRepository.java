package com.emailsync.automation.trigger;

import java.util.List;
import java.util.Optional;

/** Port: the tenants' automations. */
public interface AutomationRepository {

  void save(Automation automation);

  Optional<Automation> find(String tenantId, String automationId);

  List<Automation> findAll(String tenantId);

  List<Automation> findEnabled(String tenantId, Automation.Trigger trigger);

  boolean delete(String tenantId, String automationId);
}
