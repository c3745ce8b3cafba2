package com.emailsync.contacthistory.catchup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Port: re-reads asked for and not yet settled by a stored history entry. */
public interface PendingCatchUps {

  void save(PendingCatchUp pending);

  /**
   * Takes up to {@code limit} of those due by {@code now}, oldest first, each claimed for {@code lease} (its next
   * attempt moved that far): several service instances never handle the same one at once.
   */
  List<PendingCatchUp> claimDue(Instant now, Duration lease, int limit);

  void delete(String entryId);

  /** Forgets what is still asked for a contact: erased, or merged into another. */
  void deleteOfContact(String tenantId, String contactId);
}
