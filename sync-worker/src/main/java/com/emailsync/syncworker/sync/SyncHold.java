package com.emailsync.syncworker.sync;

import com.emailsync.events.SyncStatusReported;
import java.time.Duration;
import java.time.Instant;

/**
 * A connection held back after a rejected password or a provider's request to slow down: the worker's own type; on
 * the wire it is {@code SyncHeld} on the state topic, where a worker taking the connection over finds it.
 *
 * @param credentialTag which password was rejected (an HMAC of it): a new one is not held back
 * @param waited the wait this hold stands for; a throttled connection's next hold doubles it
 */
public record SyncHold(String connectionId, SyncStatusReported.Status reason, String credentialTag, Instant until, Duration waited) {

  /** Whether it still holds back this password at that moment. */
  public boolean holds(String credentialTag, Instant now) {
    return this.credentialTag.equals(credentialTag) && now.isBefore(until);
  }

  /** What a finished pass changes about the connection's hold. */
  public sealed interface Change {
    /** Held, from now on (a new or a longer hold). */
    record Hold(SyncHold hold) implements Change {}

    /** Held before, free now: a pass got through, or the connection changed. */
    record Release(String connectionId) implements Change {}

    /** Nothing to tell another worker. */
    record None() implements Change {}

    None NONE = new None();
  }

  /** Port: the holds written by whichever worker owned the connection before. */
  public interface Holds {
    java.util.Optional<SyncHold> of(String connectionId);

    Holds NONE = connectionId -> java.util.Optional.empty();
  }
}
