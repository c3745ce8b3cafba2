package com.emailsync.automation.trigger;

import com.emailsync.events.AutomationTriggered;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EntriesErased;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.StableId;
import java.time.Clock;
import java.time.Duration;

/**
 * Fires the tenant's enabled "contact sends you an email" automations whose scope and filters let the mail through,
 * exactly once per automation, contact and message.
 */
public class TriggerFiring {

  private final AutomationRepository automations;
  private final FiringLedger ledger;
  private final FirstMails firstMails;
  private final MailBodies bodies;
  private final ContactAttributes contacts;
  private final TriggerPublisher publisher;
  private final FiringMetrics metrics;
  private final Clock clock;

  public TriggerFiring(
      AutomationRepository automations, FiringLedger ledger, FirstMails firstMails, MailBodies bodies, ContactAttributes contacts,
      TriggerPublisher publisher, FiringMetrics metrics, Clock clock) {
    this.bodies = bodies;
    this.contacts = contacts;
    this.automations = automations;
    this.ledger = ledger;
    this.firstMails = firstMails;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** History entries were erased upstream (a privacy request, retention): the firings forget what they said. */
  public void entriesErased(EntriesErased erased) {
    ledger.redact(erased.tenantId(), erased.contactId(), erased.entryIds());
  }

  /** @return how many automations fired */
  public int on(ContactEmailLogged logged) {
    // Whoever's copy was synced first, the mail itself says who wrote it: the contact, or someone else.
    if (!logged.senderIsContact()) {
      return 0;
    }
    // Every mail from the contact counts towards "first", old mail too: a contact who wrote before is no new lead.
    boolean first = firstMails.isFirst(logged.tenantId(), logged.contactId(), logged.messageId());
    // Mail caught up on, or backfilled from before the connection, is old news: history, never a follow-up.
    if (logged.origin() != MailOrigin.LIVE) {
      return 0;
    }
    int fired = 0;
    // Read at most once per mail, and only if an automation's body filter gets that far.
    var body = memoized(() -> bodies.textOf(logged.tenantId(), logged.entryId()));
    var facts = new MailFacts(first, body, memoized(() -> contacts.of(logged.tenantId(), logged.contactId())));
    for (Automation automation : automations.findEnabled(logged.tenantId(), Automation.Trigger.CONTACT_SENDS_EMAIL)) {
      SkipReason skipped = automation.skipReason(logged, facts);
      if (skipped != null) {
        metrics.skipped(skipped);
        continue;
      }
      if (fire(automation, logged)) {
        fired++;
      }
    }
    return fired;
  }

  /** Asked once, the first time a filter needs it. */
  private static <T> java.util.function.Supplier<T> memoized(java.util.function.Supplier<T> source) {
    return new java.util.function.Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = source.get();
        }
        return value;
      }
    };
  }

  private boolean fire(Automation automation, ContactEmailLogged logged) {
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
    if (!ledger.record(firing)) {
      return false;
    }
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
    metrics.fired(Duration.between(logged.occurredAt(), firing.firedAt()));
    return true;
  }
}
