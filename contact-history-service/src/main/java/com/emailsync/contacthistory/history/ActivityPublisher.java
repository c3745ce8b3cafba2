package com.emailsync.contacthistory.history;

import com.emailsync.events.ContactEmailLogged;

/** Port: tells the CRM that a contact's history gained an email. */
public interface ActivityPublisher {

  void publish(ContactEmailLogged event);
}
