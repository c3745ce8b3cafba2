package com.emailsync.contacthistory.contacts;

import com.emailsync.events.ContactKey;
import java.util.LinkedHashSet;
import java.util.List;
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
   * Tells of the gained addresses before saving: if the process dies in between, the redelivered change still differs
   * from the stored contact, so the catch-up is not lost (and asking twice is harmless).
   */
  public void changed(Contact contact) {
    List<String> before = contacts.find(contact.key()).map(Contact::addresses).orElse(List.of());
    Set<String> gained = new LinkedHashSet<>(contact.addresses());
    before.forEach(gained::remove);
    if (!gained.isEmpty()) {
      listener.gained(contact, gained);
    }
    contacts.save(contact);
  }

  public void deleted(ContactKey key) {
    contacts.delete(key);
  }
}
