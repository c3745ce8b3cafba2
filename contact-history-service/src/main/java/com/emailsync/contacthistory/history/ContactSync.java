package com.emailsync.contacthistory.history;

import com.emailsync.events.ContactChanged;

/** Keeps the contact directory in step with the CRM's contacts topic. */
public class ContactSync {

  private final ContactDirectory contacts;

  public ContactSync(ContactDirectory contacts) {
    this.contacts = contacts;
  }

  public void changed(ContactChanged contact) {
    contacts.save(contact);
  }

  public void deleted(String contactId) {
    contacts.delete(contactId);
  }
}
