package com.emailsync.automation.trigger;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Port: the dedupe ledger of firings, which is also their history. */
public interface FiringLedger {

  /**
   * Records the firings whose ids are not recorded, in one go.
   *
   * @return the firings whose trigger must be published: the new ones, and replays of the same source event whose
   *     earlier publication was rolled back
   */
  List<Firing> recordAll(List<Firing> firings);

  /** Firings of one automation, or for one contact (across automations), of a tenant. */
  record Query(String tenantId, @Nullable String automationId, @Nullable String contactId) {

    public static Query ofAutomation(String tenantId, String automationId) {
      return new Query(tenantId, automationId, null);
    }

    public static Query ofContact(String tenantId, String contactId) {
      return new Query(tenantId, null, contactId);
    }
  }

  /** Where the previous page ended: its last firing's time and id. */
  record Position(Instant firedAt, String firingId) {}

  /** The firings the query names, newest first, after {@code after} (null: from the newest). */
  List<Firing> page(Query query, @Nullable Position after, int limit);

  /**
   * Forgets what the firings of these history entries said about the mail (subject, Message-ID): the entries were
   * erased upstream. The firings themselves stay, so the same mail never fires twice.
   */
  void redact(String tenantId, String contactId, List<String> entryIds);
}
