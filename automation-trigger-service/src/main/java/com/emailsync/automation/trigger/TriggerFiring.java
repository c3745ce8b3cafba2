package com.emailsync.automation.trigger;

import com.emailsync.events.AutomationTriggered;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EntriesErased;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.StableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fires the tenant's enabled "contact sends you an email" automations whose scope and filters let the mail through,
 * exactly once per automation, contact and message; a batch of activity at a time, with one lookup of the tenants'
 * automations, one write of the first mails and one of the ledger for the whole batch.
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
    this.automations = automations;
    this.ledger = ledger;
    this.firstMails = firstMails;
    this.bodies = bodies;
    this.contacts = contacts;
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
    return on(List.of(logged));
  }

  /** @return how many automations fired for the batch, in its order */
  public int on(List<ContactEmailLogged> batch) {
    // Whoever's copy was synced first, the mail itself says who wrote it: the contact, or someone else.
    List<ContactEmailLogged> fromContacts = batch.stream().filter(ContactEmailLogged::senderIsContact).toList();
    if (fromContacts.isEmpty()) {
      return 0;
    }
    // Every mail from a contact counts towards "first", old mail too: a contact who wrote before is no new lead.
    Map<String, String> firsts = firstMails.firstOf(
        fromContacts.stream().map(l -> new FirstMails.Sighting(l.tenantId(), l.contactId(), l.messageId())).toList());
    Map<String, List<Automation>> enabledByTenant = new HashMap<>();
    List<Firing> firings = new ArrayList<>();
    Map<String, Candidate> candidates = new HashMap<>();
    Instant now = clock.instant();
    for (ContactEmailLogged logged : fromContacts) {
      // Mail caught up on, or backfilled from before the connection, is old news: history, never a follow-up.
      if (logged.origin() != MailOrigin.LIVE) {
        continue;
      }
      boolean first = logged.messageId().equals(firsts.get(logged.tenantId() + "/" + logged.contactId()));
      // Read at most once per mail, and only if an automation's filter gets that far.
      var facts = new MailFacts(first, memoized(() -> bodies.textOf(logged.tenantId(), logged.entryId())),
          memoized(() -> contacts.of(logged.tenantId(), logged.contactId())));
      for (Automation automation : enabledByTenant.computeIfAbsent(logged.tenantId(),
          tenant -> automations.findEnabled(tenant, Automation.Trigger.CONTACT_SENDS_EMAIL))) {
        SkipReason skipped = automation.skipReason(logged, facts);
        if (skipped != null) {
          metrics.skipped(skipped);
          continue;
        }
        var firing = new Firing(StableId.of(automation.id(), logged.contactId(), logged.messageId()), automation.id(), logged.tenantId(),
            logged.contactId(), logged.entryId(), logged.messageId(), logged.subject(), now, logged.eventId());
        // The same mail twice in one batch (a redelivery): one firing.
        if (candidates.putIfAbsent(firing.id(), new Candidate(automation, logged)) == null) {
          firings.add(firing);
        }
      }
    }
    if (firings.isEmpty()) {
      return 0;
    }
    List<Firing> toPublish = ledger.recordAll(firings);
    for (Firing firing : toPublish) {
      Candidate candidate = candidates.get(firing.id());
      publisher.publish(
          new AutomationTriggered(
              // From the firing and its source: publishing it again after a rollback repeats the same event.
              StableId.uuid(firing.id(), candidate.logged().eventId().toString()),
              firing.firedAt(),
              firing.id(),
              candidate.automation().id(),
              firing.tenantId(),
              firing.contactId(),
              candidate.automation().trigger().name(),
              firing.entryId(),
              firing.messageId(),
              firing.subject()));
      metrics.fired(Duration.between(candidate.logged().occurredAt(), firing.firedAt()));
    }
    return toPublish.size();
  }

  private record Candidate(Automation automation, ContactEmailLogged logged) {}

  /** Asked once, the first time a filter needs it. */
  private static <T> Supplier<T> memoized(Supplier<T> source) {
    return new Supplier<>() {
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
}
