package com.emailsync.contacthistory.history;

import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EntriesErased;

/** Port: tells the CRM that a contact's history gained an email, or lost entries. */
public interface ActivityPublisher {

  void publish(ContactEmailLogged event);

  default void erased(EntriesErased event) {
    throw new UnsupportedOperationException("this publisher does not announce erasures");
  }
}
