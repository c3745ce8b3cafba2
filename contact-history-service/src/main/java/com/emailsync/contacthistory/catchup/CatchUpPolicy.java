package com.emailsync.contacthistory.catchup;

import java.time.Duration;
import java.util.Map;

/**
 * How far back a new contact's mail is caught up on, and how a re-read that did not arrive is asked for again.
 *
 * @param window how far back by default
 * @param tenantWindows a tenant's own window, where it set one
 * @param retryAfter when a re-read is asked for again if its entry has not appeared (a worker was starting or the
 *     connection was moving)
 * @param maxAttempts after this many (the waits between them doubling), the mail is taken to be gone from the mailbox
 *     (deleted, moved) and dropped
 * @param maxMailPerContact the most mails one catch-up asks for, newest first: an address on thousands of mails (a
 *     shared mailbox made a contact) must not flood the workers
 */
public record CatchUpPolicy(
    Duration window, Map<String, Duration> tenantWindows, Duration retryAfter, int maxAttempts, int maxMailPerContact) {

  public CatchUpPolicy {
    tenantWindows = Map.copyOf(tenantWindows);
  }

  public Duration windowOf(String tenantId) {
    return tenantWindows.getOrDefault(tenantId, window);
  }

  /** How long the index must remember mail: the longest window of any tenant. */
  public Duration longestWindow() {
    return tenantWindows.values().stream().reduce(window, (a, b) -> a.compareTo(b) >= 0 ? a : b);
  }
}
