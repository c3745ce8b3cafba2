package com.emailsync.contacthistory.contacts;

import com.emailsync.events.ContactKey;

/** Keeps the contact directory in step with the CRM's contacts topic. */
public class ContactSync {

  private final ContactDirectory contacts;

  public ContactSync(ContactDirectory contacts) {
    this.contacts = contacts;
  }

  public void changed(Contact contact) {
    contacts.save(contact);
  }

  public void deleted(ContactKey key) {
    contacts.delete(key);
  }
}
