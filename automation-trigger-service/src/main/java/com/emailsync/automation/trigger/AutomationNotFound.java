package com.emailsync.automation.trigger;

public class AutomationNotFound extends RuntimeException {
  public AutomationNotFound(String automationId) {
    super("No automation " + automationId + " in this tenant.");
  }
}
