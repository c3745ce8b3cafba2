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

  private final ContactDirectory contacts;
  private final AddressesGained listener;

  public ContactSync(ContactDirectory contacts, AddressesGained listener) {
    this.contacts = contacts;
    this.listener = listener;
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
