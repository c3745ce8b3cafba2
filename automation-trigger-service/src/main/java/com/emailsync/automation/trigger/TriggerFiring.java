package com.emailsync.automation.trigger;

import com.emailsync.events.AutomationTriggered;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EntriesErased;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.StableId;
import java.time.Clock;
import java.util.UUID;

/** Fires every enabled "contact sends you an email" automation, exactly once per automation, contact and message. */
public class TriggerFiring {

  private final AutomationRepository automations;
  private final FiringLedger ledger;
  private final TriggerPublisher publisher;
  private final Clock clock;

  public TriggerFiring(AutomationRepository automations, FiringLedger ledger, TriggerPublisher publisher, Clock clock) {
    this.automations = automations;
    this.ledger = ledger;
    this.publisher = publisher;
    this.clock = clock;
  }

  /** History entries were erased upstream (a privacy request, retention): the firings forget what they said. */
  public void entriesErased(EntriesErased erased) {
    ledger.redact(erased.tenantId(), erased.contactId(), erased.entryIds());
  }

  /** @return how many automations fired */
  public int on(ContactEmailLogged logged) {
    // Mail caught up on for a contact added later is old news: it belongs in history but must not start a follow-up.
    if (!logged.contactSentIt() || logged.origin() != MailOrigin.LIVE) {
      return 0;
    }
    int fired = 0;
    for (Automation automation : automations.findEnabled(logged.tenantId(), Automation.Trigger.CONTACT_SENDS_EMAIL)) {
      var firing =
          new Firing(
              StableId.of(automation.id(), logged.contactId(), logged.messageId()),
              automation.id(),
              logged.tenantId(),
              logged.contactId(),
              logged.entryId(),
              logged.messageId(),
              logged.subject(),
              clock.instant(),
              logged.eventId());
      if (ledger.record(firing)) {
        publisher.publish(
            new AutomationTriggered(
                // From the firing and its source: publishing it again after a rollback repeats the same event.
                StableId.uuid(firing.id(), logged.eventId().toString()),
                firing.firedAt(),
                firing.id(),
                automation.id(),
                firing.tenantId(),
                firing.contactId(),
                automation.trigger().name(),
                firing.entryId(),
                firing.messageId(),
                firing.subject()));
        fired++;
      }
    }
    return fired;
  }
}
