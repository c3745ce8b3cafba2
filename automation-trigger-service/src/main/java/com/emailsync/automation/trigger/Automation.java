package com.emailsync.automation.trigger;

import java.time.Instant;

/** An automation a tenant set up: what triggers it and whether it is on. */
public record Automation(String id, String tenantId, String name, Trigger trigger, boolean enabled, Instant createdAt) {

  public enum Trigger {
    /** A CRM contact sends an email to a connected mailbox. */
    CONTACT_SENDS_EMAIL
  }
}
