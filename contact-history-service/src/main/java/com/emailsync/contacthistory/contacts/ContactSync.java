package com.emailsync.contacthistory.contacts;

import com.emailsync.events.ContactKey;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the contact directory in step with the CRM's contacts topic, and tells who needs to know when a contact appears
 * or gains an address: its recent mail, synced before it was a contact, belongs in its history now.
 */
public class ContactSync {

  /** Told of the addresses a contact did not have before (all of them for a new contact). */
  public interface AddressesGained {
    void gained(Contact contact, Set<String> addresses);
  }

  /** Told that a contact was merged into another, before the merged one leaves the directory. */
  public interface Merged {
    void merged(String tenantId, String mergedContactId, String survivorContactId);
  }

  private final ContactDirectory contacts;
  private final AddressesGained listener;
  private final Merged merges;

  public ContactSync(ContactDirectory contacts, AddressesGained listener, Merged merges) {
    this.contacts = contacts;
    this.listener = listener;
    this.merges = merges;
  }

  /**
   * The merged contact's history moves to the survivor first, then the merged contact leaves the directory: a repeat
   * after a crash finds the move done and finishes the rest.
   */
  public void merged(ContactKey merged, String survivorContactId) {
    merges.merged(merged.tenantId(), merged.contactId(), survivorContactId);
    contacts.delete(merged);
  }

  /**
   * Saves the contact first, with the addresses it gained marked as awaiting catch-up, and only then has their mail
   * looked for: mail ingest indexes before it looks up contacts, so whichever way the two interleave one sees the
   * other. The mark is cleared once the catch-up is asked for; a change redelivered after a crash finds it still set.
   */
  public void changed(Contact changed) {
    Optional<ContactDirectory.Stored> before = contacts.find(changed.key());
    Contact contact = before.map(known -> changed.keepingWhenKnown(known.contact())).orElse(changed);
    Set<String> gained = new LinkedHashSet<>(contact.addresses());
    before.ifPresent(
        known -> {
          gained.removeAll(known.contact().addresses());
          known.awaitingCatchUp().stream().filter(contact.addresses()::contains).forEach(gained::add);
        });
    contacts.save(contact, gained);
    if (!gained.isEmpty()) {
      listener.gained(contact, gained);
      contacts.caughtUp(contact.key());
    }
  }

  public void deleted(ContactKey key) {
    contacts.delete(key);
  }
}
