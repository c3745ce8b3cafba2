package com.emailsync.connection.oauth;

import java.time.Instant;
import java.util.Optional;

/** Port: where started grants wait for their callback. */
public interface PendingAuthorizations {

  void save(PendingAuthorization pending);

  /** Removes and returns it if it has not expired by {@code now}: a callback is answered once. */
  Optional<PendingAuthorization> take(String id, Instant now);
}
