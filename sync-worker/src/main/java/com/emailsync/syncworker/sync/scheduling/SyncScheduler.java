package com.emailsync.syncworker.sync.scheduling;


import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.logging.LogContext;
import com.emailsync.syncworker.sync.AssignedConnections;
import com.emailsync.syncworker.sync.ConnectionReleased;
import com.emailsync.syncworker.sync.Mailbox;
import com.emailsync.syncworker.sync.MailboxSync;
import com.emailsync.syncworker.sync.MailboxWatching;
import com.emailsync.syncworker.sync.OwnershipLost;
import com.emailsync.syncworker.sync.RefusedAccessTokens;
import com.emailsync.syncworker.sync.SyncCursors;
import com.emailsync.syncworker.sync.SyncOutputs;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every tick, hands the due connections to a bounded pool; at most one sync per connection runs at a time, and none
 * while the folder cursors are not known (a reload after a rebalance failed): syncing then would start folders over.
 */
public class SyncScheduler {

  private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

  private final AssignedConnections assigned;
  private final MailboxSync sync;
  private final ExecutorService pool;
  private final SyncCursors cursors;
  private final SyncOutputs outputs;
  private final MailboxWatching watching;
  private final RefusedAccessTokens refusedAccessTokens;
  private final Tracer tracer;

  /** Ticks that news asked for: one at a time, coalesced, never on the IMAP thread that brought the news. */
  private final ExecutorService early = java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofVirtual().name("sync-tick-now").factory());
  private final java.util.concurrent.atomic.AtomicBoolean earlyTickQueued = new java.util.concurrent.atomic.AtomicBoolean();

  public SyncScheduler(
      AssignedConnections assigned, MailboxSync sync, ExecutorService pool, SyncCursors cursors, SyncOutputs outputs, MailboxWatching watching,
      RefusedAccessTokens refusedAccessTokens, Tracer tracer) {
    this.tracer = tracer;
    this.watching = watching;
    this.refusedAccessTokens = refusedAccessTokens;
    this.assigned = assigned;
    this.sync = sync;
    this.pool = pool;
    this.cursors = cursors;
    this.outputs = outputs;
    // New mail announced by IDLE or NOTIFY is synced at once, not at the next tick: up to a tick less latency.
    assigned.whenDueAtOnce(this::tickNow);
  }

  private void tickNow() {
    if (earlyTickQueued.compareAndSet(false, true)) {
      early.execute(() -> {
        earlyTickQueued.set(false);
        try {
          tick();
        } catch (RuntimeException e) {
          // As a scheduled tick's would be: the next tick tries again.
          log.warn("A tick for new mail failed", e);
        }
      });
    }
  }

  /**
   * Synchronized: a tick's order (retry what a takeover left pending, fencing the previous owner; reload the cursors it
   * invalidated; only then claim) must hold when news ticks early too.
   */
  @Scheduled(fixedDelayString = "${emailsync.sync.tick:200ms}")
  public synchronized void tick() {
    outputs.retryPending();
    if (!cursors.ensureLoaded()) {
      return;
    }
    for (Mailbox connection : assigned.claimDue()) {
      pool.execute(() -> run(connection));
    }
  }

  private void run(Mailbox connection) {
    // Every line of the pass, the IMAP client's and Kafka's included, is found by its tenant and connection; the pass is
    // where the trace of the mail it reads begins (each mail event carries it on: history entry, then trigger).
    Span span = tracer.spanBuilder("imap sync").setNoParent()
        .setAttribute("emailsync.tenant_id", connection.tenantId())
        .setAttribute("emailsync.connection_id", connection.connectionId())
        .startSpan();
    try (var ignored = LogContext.of(LogContext.TENANT, connection.tenantId(), LogContext.CONNECTION, connection.connectionId());
        var current = span.makeCurrent()) {
      pass(connection);
    } finally {
      span.end();
    }
  }

  private void pass(Mailbox connection) {
    SyncStatusReported.Status outcome = SyncStatusReported.Status.FAILED;
    long started = System.nanoTime();
    try {
      var report = sync.sync(connection, assigned.takeRereads(connection.connectionId()), () -> assigned.isAssigned(connection.connectionId()));
      outcome = report.status();
      if (outcome == SyncStatusReported.Status.OK || outcome == SyncStatusReported.Status.MESSAGES_SET_ASIDE) {
        watching.loginWorked(connection.connectionId());
      }
      if (outcome == SyncStatusReported.Status.AUTHENTICATION_FAILED && connection.imap().auth() == com.emailsync.events.ImapAuth.XOAUTH2) {
        // An access token refused before it expires (revoked, the password changed): renewed now, not at its round.
        refusedAccessTokens.refused(connection);
      }
      log.info("Synced connection {}: {} ({} messages) in {} ms", connection.connectionId(), report.status(), report.messagesPublished(),
          (System.nanoTime() - started) / 1_000_000);
    } catch (OwnershipLost lost) {
      log.info("Connection {} moved to another worker during its pass; nothing of the pass was committed", connection.connectionId());
    } catch (ConnectionReleased released) {
      log.info("Connection {} was released during its pass (deleted, disabled or moved); the pass stopped after the batch it committed",
          connection.connectionId());
    } catch (RuntimeException e) {
      // Logged without the event (toString hides the credential); the connection is retried next interval.
      log.warn("Sync of connection {} failed", connection.connectionId(), e);
    } finally {
      recordHold(connection, assigned.done(connection, outcome));
      watching.passEnded(connection.connectionId());
    }
  }

  /** Best effort: a hold that could not be written only means a new owner would try once before it waits too. */
  private void recordHold(Mailbox connection, com.emailsync.syncworker.sync.SyncHold.Change change) {
    try {
      outputs.of(connection.partition()).recordHold(change);
    } catch (OwnershipLost lost) {
      // Another worker owns it now and keeps its own schedule.
    } catch (RuntimeException e) {
      log.warn("Could not record the hold of connection {} for other workers", connection.connectionId(), e);
    }
  }
}
