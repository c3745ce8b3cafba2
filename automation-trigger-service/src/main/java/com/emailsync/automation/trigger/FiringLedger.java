package com.emailsync.automation.trigger;

import java.util.List;

/** Port: the dedupe ledger of firings. */
public interface FiringLedger {

  /**
   * Records the firing unless its id is recorded.
   *
   * @return true when the trigger must be published: a new firing, or a replay of the same source event whose earlier
   *     publication was rolled back
   */
  boolean record(Firing firing);

  List<Firing> firings(String tenantId, String automationId, int limit);

  /**
   * Forgets what the firings of these history entries said about the mail (subject, Message-ID): the entries were
   * erased upstream. The firings themselves stay, so the same mail never fires twice.
   */
  void redact(String tenantId, String contactId, List<String> entryIds);
}
