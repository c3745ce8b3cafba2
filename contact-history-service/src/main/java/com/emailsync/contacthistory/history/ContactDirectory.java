package com.emailsync.contacthistory.history;

import com.emailsync.events.ContactChanged;
import java.util.Collection;
import java.util.List;

/** Port: the tenant's CRM contacts, as last published by the CRM. */
public interface ContactDirectory {

  void save(ContactChanged contact);

  void delete(String contactId);

  /** The contacts of the tenant that have any of these addresses. */
  List<Match> findByEmails(String tenantId, Collection<String> emails);

  record Match(String contactId, List<String> emails) {}
}
