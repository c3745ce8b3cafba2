package com.emailsync.automation.trigger;

import java.util.List;

/**
 * The connections whose mail an automation fires on: a team's shared mailbox, one salesperson's. Empty: every
 * connection of the tenant, those connected later too.
 */
public record AutomationScope(List<String> connectionIds) {

  public static final AutomationScope EVERYWHERE = new AutomationScope(List.of());

  public AutomationScope {
    connectionIds = connectionIds == null ? List.of() : List.copyOf(connectionIds);
  }

  boolean covers(String connectionId) {
    return connectionIds.isEmpty() || connectionIds.contains(connectionId);
  }
}
