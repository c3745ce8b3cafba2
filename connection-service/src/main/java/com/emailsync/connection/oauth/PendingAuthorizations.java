package com.emailsync.connection.oauth;

import java.time.Instant;
import java.util.Optional;

/** Port: where started grants wait for their callback. */
public interface PendingAuthorizations {

  void save(PendingAuthorization pending);

  /**
   * Removes and returns it if it has not expired by {@code now} and was started by this user of this tenant: a sign-in
   * is finished once, and only by whoever started it (anyone else leaves it for them).
   */
  Optional<PendingAuthorization> take(String id, String tenantId, String userId, Instant now);

  /** Whether one is waiting under this id (started by anyone), to tell an expired sign-in from another user's. */
  boolean exists(String id, Instant now);
}
