package com.emailsync.contacthistory.history;

import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.ContactSuggested;
import com.emailsync.events.EntriesErased;

/** Port: tells the CRM that a contact's history gained an email or lost entries, and whom it might add as a contact. */
public interface ActivityPublisher {

  void publish(ContactEmailLogged event);

  default void suggested(ContactSuggested event) {
    throw new UnsupportedOperationException("this publisher does not suggest contacts");
  }

  /**
   * @return true when the announcement is committed on return; false when it joined an enclosing transaction (a
   *     listener's), whose outcome is not known yet
   */
  default boolean erased(EntriesErased event) {
    throw new UnsupportedOperationException("this publisher does not announce erasures");
  }
}
