package com.emailsync.automation.trigger;

import java.util.Map;

/** Port: the CRM's fields of each contact, as the contacts topic last said, for segment filters. */
public interface ContactAttributes {

  void save(String tenantId, String contactId, Map<String, String> attributes);

  void delete(String tenantId, String contactId);

  /** Empty for a contact the CRM gave no fields, or this service has not heard of. */
  Map<String, String> of(String tenantId, String contactId);
}
