package com.emailsync.automation.trigger;

/** Port: the first mail seen from each contact, so an automation can fire on a new lead's first mail only. */
public interface FirstMails {

  /**
   * Records {@code messageId} as the contact's first mail unless one is recorded.
   *
   * @return whether {@code messageId} is the contact's first mail (also when asked again for the same mail)
   */
  boolean isFirst(String tenantId, String contactId, String messageId);
}
