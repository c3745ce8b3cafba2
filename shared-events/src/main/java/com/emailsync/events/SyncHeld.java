package com.emailsync.events;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A connection's sync held back until a moment: its password was rejected, or its provider asked to slow down.
 * Written by the sync worker to its own compacted state topic beside the folder cursors, so that a worker taking the
 * connection over (a rebalance, a crash) waits the same wait instead of logging in again at once: providers lock
 * accounts that keep failing to log in. A tombstone under the same key ends the hold.
 *
 * @param credentialTag an HMAC of the password under the workers' transport key: a new password (a new tag) is tried at
 *     once, the rejected one is not; it reveals nothing of the password to anyone without the key
 * @param waitSeconds how long this hold lasts from {@code occurredAt}; for a throttled connection, the next hold doubles
 *     it
 */
public record SyncHeld(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    SyncStatusReported.Status reason,
    String credentialTag,
    long waitSeconds)
    implements DomainEvent {

  public static final String TYPE = "emailsync.sync.held.v1";

  public SyncHeld {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.present(reason, "reason");
    if (reason != SyncStatusReported.Status.AUTHENTICATION_FAILED && reason != SyncStatusReported.Status.THROTTLED) {
      throw new IllegalArgumentException("a sync is held only for a rejected password or a throttled account");
    }
    Require.text(credentialTag, "credentialTag");
    if (waitSeconds < 0) {
      throw new IllegalArgumentException("waitSeconds must not be negative");
    }
  }

  public Duration waitTime() {
    return Duration.ofSeconds(waitSeconds);
  }

  public Instant until() {
    return occurredAt.plusSeconds(waitSeconds);
  }

  @Override
  public String aggregateId() {
    return key(connectionId);
  }

  /** Beside the folder cursors ({@code connectionId/folder}), under a key no folder name can take. */
  public static String key(String connectionId) {
    return connectionId + "/#held";
  }
}
