package com.emailsync.contacthistory.catchup;

import java.time.Instant;
import java.util.List;

/** Port: re-reads asked for and not yet settled by a stored history entry. */
public interface PendingCatchUps {

  void save(PendingCatchUp pending);

  /** Those last asked for before the instant, oldest first, at most {@code limit}. */
  List<PendingCatchUp> askedBefore(Instant instant, int limit);

  void delete(String entryId);
}
