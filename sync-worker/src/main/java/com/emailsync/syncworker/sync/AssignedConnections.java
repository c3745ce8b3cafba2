package com.emailsync.syncworker.sync;

import com.emailsync.events.SyncStatusReported;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The connections this worker syncs (its share of the connections topic's partitions) and when each is next due. A
 * changed connection is due at once, so a new mailbox or a resync starts within a tick, not a poll interval.
 */
public class AssignedConnections {

  private static final Duration FIRST_THROTTLE_WAIT = Duration.ofMinutes(1);
  private static final Duration LONGEST_THROTTLE_WAIT = Duration.ofHours(1);

  private final Map<String, Assignment> byId = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration authFailureRetry;
  private final SyncHold.Holds holds;
  private volatile Runnable dueAtOnce = () -> {};

  public AssignedConnections(Clock clock, Duration pollInterval, Duration authFailureRetry) {
    this(clock, pollInterval, authFailureRetry, SyncHold.Holds.NONE);
  }

  /**
   * @param authFailureRetry how long a connection whose password was rejected waits before the next try: providers lock
   *     or throttle accounts that keep failing to log in, and a changed connection (new password, resync) is tried at
   *     once anyway
   * @param holds what the connection's previous owner was waiting out: a connection taken over waits the rest of it
   */
  public AssignedConnections(Clock clock, Duration pollInterval, Duration authFailureRetry, SyncHold.Holds holds) {
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.authFailureRetry = authFailureRetry;
    this.holds = holds;
  }

  public synchronized boolean assign(Mailbox connection) {
    return assign(connection, connection.sealedCredential());
  }

  /**
   * @param credential what identifies the password (a hash of it): connection-service seals the same password anew
   *     on every publication, so the sealed form cannot tell a new password from a republished one
   * @return whether the connection is new here or changed (a record read again, or republished, is neither); an
   *     unchanged one keeps its schedule, its wait after a rejected password included
   */
  public synchronized boolean assign(Mailbox connection, String credential) {
    Assignment known = byId.get(connection.connectionId());
    if (known != null && known.credential.equals(credential) && known.connection.sameMailboxAs(connection)) {
      known.connection = connection;
      return false;
    }
    byId.compute(
        connection.connectionId(),
        (id, current) -> {
          var assignment = new Assignment(connection, clock.instant(), current != null && current.running, credential);
          if (current != null) {
            assignment.rereads.addAll(current.rereads);
            // The hold written for the old password (or settings) no longer applies: the next pass clears it.
            assignment.heldOnRecord = current.heldOnRecord;
          } else {
            takeOverHold(assignment);
          }
          return assignment;
        });
    return true;
  }

  /**
   * A connection new to this worker (a rebalance, a restart) whose previous owner was holding it back for this very
   * password waits out the rest, as that owner would have: a rebalance must not become a burst of logins with a
   * rejected password.
   */
  private void takeOverHold(Assignment assignment) {
    holds.of(assignment.connection.connectionId()).ifPresent(hold -> {
      assignment.heldOnRecord = true;
      if (hold.holds(assignment.credential, clock.instant())) {
        assignment.dueAt = hold.until();
        assignment.passwordRejected = hold.reason() == SyncStatusReported.Status.AUTHENTICATION_FAILED;
        assignment.throttledWait = hold.reason() == SyncStatusReported.Status.THROTTLED ? hold.waited() : null;
      }
    });
  }

  /** Whether the connection is held back now (a rejected password, a throttled account): its watch waits too. */
  public synchronized boolean isHeld(String connectionId) {
    Assignment assignment = byId.get(connectionId);
    return assignment != null && assignment.held();
  }

  public synchronized boolean isAssigned(String connectionId) {
    return byId.containsKey(connectionId);
  }

  public synchronized void remove(String connectionId) {
    byId.remove(connectionId);
  }

  /** @return the connections removed */
  public synchronized List<String> removeIf(Predicate<Integer> partitionRevoked) {
    List<String> removed = byId.values().stream().filter(a -> partitionRevoked.test(a.connection.partition())).map(a -> a.connection.connectionId()).toList();
    removed.forEach(byId::remove);
    return removed;
  }

  /**
   * The server announced new mail: the connection is due now, or, when a pass is running, again as soon as it ends
   * (the pass may have read the folder before the mail landed). Never past a rejected password's wait.
   */
  public void newMail(String connectionId) {
    boolean dueNow;
    synchronized (this) {
      Assignment assignment = byId.get(connectionId);
      if (assignment == null || assignment.held()) {
        return;
      }
      dueNow = !assignment.running;
      if (dueNow) {
        assignment.dueAt = clock.instant();
      } else {
        assignment.again = true;
      }
    }
    if (dueNow) {
      dueAtOnce.run();
    }
  }

  /**
   * Told whenever news from the server makes a connection due at once: the scheduler hands it to a sync then, rather
   * than at its next tick.
   */
  public void whenDueAtOnce(Runnable listener) {
    this.dueAtOnce = listener;
  }

  /** Claims the due connections that are not being synced already; each must be handed back with {@link #done}. */
  public synchronized List<Mailbox> claimDue() {
    Instant now = clock.instant();
    List<Mailbox> due = new ArrayList<>();
    for (Assignment assignment : byId.values()) {
      if (!assignment.running && !assignment.dueAt.isAfter(now)) {
        assignment.running = true;
        due.add(assignment.connection);
      }
    }
    return due;
  }

  /**
   * Marks a sync finished; the connection is due again after the poll interval (or, after a rejected login, the
   * longer retry) unless it changed meanwhile.
   */
  public synchronized SyncHold.Change done(Mailbox synced, SyncStatusReported.Status outcome) {
    byId.computeIfPresent(
        synced.connectionId(),
        (id, assignment) -> {
          assignment.running = false;
          assignment.passwordRejected = outcome == SyncStatusReported.Status.AUTHENTICATION_FAILED;
          // A provider that asks to slow down is given more room each time it asks again, until a pass gets through.
          assignment.throttledWait = outcome == SyncStatusReported.Status.THROTTLED ? longerThrottleWait(assignment.throttledWait) : null;
          Duration wait = switch (outcome) {
            case AUTHENTICATION_FAILED -> authFailureRetry;
            case THROTTLED -> assignment.throttledWait;
            default -> pollInterval;
          };
          boolean waiting = assignment.held();
          // Re-reads or new mail that came in during the pass make it due again at once, but never past a rejected
          // password or a provider's request to slow down.
          boolean again = !assignment.rereads.isEmpty() || assignment.again;
          assignment.again = false;
          if (assignment.connection.sameMailboxAs(synced) && (!again || waiting)) {
            assignment.dueAt = clock.instant().plus(wait);
          }
          return assignment;
        });
    return holdChange(synced.connectionId(), outcome);
  }

  /** What other workers must know of this connection's hold after a pass ended this way. */
  private SyncHold.Change holdChange(String connectionId, SyncStatusReported.Status outcome) {
    Assignment assignment = byId.get(connectionId);
    if (assignment == null) {
      return SyncHold.Change.NONE;
    }
    if (assignment.held()) {
      assignment.heldOnRecord = true;
      Duration waited = assignment.passwordRejected ? authFailureRetry : assignment.throttledWait;
      return new SyncHold.Change.Hold(new SyncHold(connectionId, outcome, assignment.credential, clock.instant().plus(waited), waited));
    }
    if (assignment.heldOnRecord) {
      assignment.heldOnRecord = false;
      return new SyncHold.Change.Release(connectionId);
    }
    return SyncHold.Change.NONE;
  }

  private static Duration longerThrottleWait(@org.jspecify.annotations.Nullable Duration last) {
    if (last == null) {
      return FIRST_THROTTLE_WAIT;
    }
    Duration doubled = last.multipliedBy(2);
    return doubled.compareTo(LONGEST_THROTTLE_WAIT) > 0 ? LONGEST_THROTTLE_WAIT : doubled;
  }

  /**
   * Queues a re-read for the connection's next pass and makes it due at once, if this worker owns the connection and
   * it belongs to the tenant that asks.
   *
   * @return whether it does; a request for another worker's connection is left to that worker
   */
  public synchronized boolean requestReread(String tenantId, String connectionId, Reread reread) {
    Assignment assignment = byId.get(connectionId);
    if (assignment == null || !assignment.connection.tenantId().equals(tenantId)) {
      return false;
    }
    assignment.rereads.add(reread);
    // A rejected password waits out its retry: logging in again and again is what gets accounts locked.
    if (!assignment.running && !assignment.held()) {
      assignment.dueAt = clock.instant();
    }
    return true;
  }

  /** Hands over the connection's queued re-reads: the pass that takes them does them or loses them to a retry. */
  public synchronized List<Reread> takeRereads(String connectionId) {
    Assignment assignment = byId.get(connectionId);
    if (assignment == null || assignment.rereads.isEmpty()) {
      return List.of();
    }
    List<Reread> taken = List.copyOf(assignment.rereads);
    assignment.rereads.clear();
    return taken;
  }

  public int size() {
    return byId.size();
  }

  private static final class Assignment {
    Mailbox connection;
    final String credential;
    final Set<Reread> rereads = new LinkedHashSet<>();
    Instant dueAt;
    boolean running;
    boolean passwordRejected;
    /** New mail was announced while a pass ran. */
    boolean again;
    /** How long the last throttled pass made it wait; null when the last pass was not throttled. */
    Duration throttledWait;
    /** A hold of this connection is on the state topic: the next pass that gets through takes it back. */
    boolean heldOnRecord;

    /** Waiting out a rejected password or a provider's request to slow down: nothing but a change makes it due. */
    boolean held() {
      return passwordRejected || throttledWait != null;
    }

    Assignment(Mailbox connection, Instant dueAt, boolean running, String credential) {
      this.connection = connection;
      this.credential = credential;
      this.dueAt = dueAt;
      this.running = running;
    }
  }
}
