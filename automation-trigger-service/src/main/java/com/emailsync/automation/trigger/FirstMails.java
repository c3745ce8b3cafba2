package com.emailsync.automation.trigger;

import java.util.List;
import java.util.Map;

/** Port: the first mail seen from each contact, so an automation can fire on a new lead's first mail only. */
public interface FirstMails {

  /** A mail from a contact. */
  record Sighting(String tenantId, String contactId, String messageId) {
    String contactKey() {
      return tenantId + "/" + contactId;
    }
  }

  /**
   * Records, for each contact of the sightings that has none yet, its first sighting (in list order) as its first mail.
   *
   * @return each sighted contact's first mail, by {@code <tenantId>/<contactId>}
   */
  Map<String, String> firstOf(List<Sighting> sightings);
}
