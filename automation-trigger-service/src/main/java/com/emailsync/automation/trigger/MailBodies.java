package com.emailsync.automation.trigger;

import java.util.Optional;

/** Port: the text of a contact's mail, for body filters; contact-history keeps it, this service does not. */
public interface MailBodies {

  /** None to be had: body filters cannot be set up. */
  MailBodies NONE = new MailBodies() {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public Optional<String> textOf(String tenantId, String entryId) {
      return Optional.empty();
    }
  };

  /** Whether bodies can be read at all (the service is configured for it). */
  boolean available();

  /**
   * The plain text of the history entry's mail; empty when none is kept (the tenant keeps summaries only).
   *
   * @throws com.emailsync.events.kafka.DependencyUnavailable when it cannot be asked now: the mail waits, it is not
   *     dead-lettered
   */
  Optional<String> textOf(String tenantId, String entryId);
}
