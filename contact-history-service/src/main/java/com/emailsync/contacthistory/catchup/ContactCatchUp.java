package com.emailsync.contacthistory.catchup;

import com.emailsync.contacthistory.contacts.Contact;
import com.emailsync.events.MailRereadRequested;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
  private final CatchUpPolicy policy;
  private final Clock clock;

  public ContactCatchUp(
      MailIndex index,
      PendingCatchUps pending,
      RereadRequests rereads,
      StoredEntries stored,
      CatchUpPolicy policy,
      Clock clock) {
    this.index = index;
    this.pending = pending;
    this.rereads = rereads;
    this.stored = stored;
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
        index.find(contact.tenantId(), gained, now.minus(policy.windowOf(contact.tenantId())), policy.maxMailPerContact()).stream()
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

  private static MailRereadRequested request(PendingCatchUp catchUp, Instant now) {
    return new MailRereadRequested(
        UUID.randomUUID(), now, catchUp.connectionId(), catchUp.tenantId(), catchUp.location(), catchUp.messageId());
  }
}
