package com.emailsync.contacthistory.catchup;

import com.emailsync.contacthistory.contacts.Addresses;
import com.emailsync.contacthistory.contacts.Contact;
import com.emailsync.contacthistory.settings.HistorySettingsStore;
import com.emailsync.events.MailRereadRequested;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Brings a contact's recent mail into its history when the contact appears, or gains an address, after that mail was
 * synced: the index says which mail had the address and where it is, the sync worker reads each one again, and the
 * ordinary ingest logs it (once per contact and message, as any mail). A re-read that does not arrive is asked for
 * again until its entry exists or the mail is taken to be gone.
 */
public class ContactCatchUp {

  private final MailIndex index;
  private final PendingCatchUps pending;
  private final RereadRequests rereads;
  private final StoredEntries stored;
  private final HistorySettingsStore settings;
  private final CatchUpPolicy policy;
  private final Clock clock;

  public ContactCatchUp(
      MailIndex index,
      PendingCatchUps pending,
      RereadRequests rereads,
      StoredEntries stored,
      HistorySettingsStore settings,
      CatchUpPolicy policy,
      Clock clock) {
    this.index = index;
    this.pending = pending;
    this.rereads = rereads;
    this.stored = stored;
    this.settings = settings;
    this.policy = policy;
    this.clock = clock;
  }

  /** @return how many mails were asked for again */
  public int addressesGained(Contact contact, Set<String> gained) {
    if (gained.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    List<PendingCatchUp> missing =
        index.find(contact.tenantId(), looseKeys(gained), now.minus(windowOf(contact.tenantId())), policy.maxMailPerContact()).stream()
            .map(mail -> PendingCatchUp.first(contact.tenantId(), contact.contactId(), mail, now, policy.retryAfter()))
            .toList();
    Set<String> logged = stored.storedOf(contact.tenantId(), missing.stream().map(PendingCatchUp::entryId).toList());
    int asked = 0;
    for (PendingCatchUp catchUp : missing) {
      if (!logged.contains(catchUp.entryId())) {
        pending.save(catchUp);
        rereads.request(request(catchUp, now));
        asked++;
      }
    }
    return asked;
  }

  /** Settles re-reads whose entries arrived, asks again for the others, and gives up on mail that stays away. */
  public void retryOverdue(int limit) {
    Instant now = clock.instant();
    for (PendingCatchUp catchUp : pending.claimDue(now, policy.retryAfter(), limit)) {
      boolean arrived = !stored.storedOf(catchUp.tenantId(), List.of(catchUp.entryId())).isEmpty();
      if (arrived || catchUp.attempts() >= policy.maxAttempts()) {
        pending.delete(catchUp.entryId());
      } else {
        PendingCatchUp again = catchUp.askedAgain(now, policy.retryAfter());
        pending.save(again);
        rereads.request(request(again, now));
      }
    }
  }

  /** The tenant's own window when it set one, else the service's. */
  private Duration windowOf(String tenantId) {
    Duration own = settings.of(tenantId).catchUpWindow();
    return own != null ? own : policy.windowOf(tenantId);
  }

  private static Set<String> looseKeys(Set<String> addresses) {
    return addresses.stream().map(Addresses::loose).collect(Collectors.toSet());
  }

  private static MailRereadRequested request(PendingCatchUp catchUp, Instant now) {
    return new MailRereadRequested(
        UUID.randomUUID(), now, catchUp.connectionId(), catchUp.tenantId(), catchUp.location(), catchUp.messageId());
  }
}
