package com.emailsync.syncworker.sync.scheduling;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.syncworker.sync.AssignedConnections;
import com.emailsync.syncworker.sync.MailboxSync;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Every tick, hands the due connections to a bounded pool; at most one sync per connection runs at a time. */
public class SyncScheduler {

  private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

  private final AssignedConnections assigned;
  private final MailboxSync sync;
  private final ExecutorService pool;

  public SyncScheduler(AssignedConnections assigned, MailboxSync sync, ExecutorService pool) {
    this.assigned = assigned;
    this.sync = sync;
    this.pool = pool;
  }

  @Scheduled(fixedDelayString = "${emailsync.sync.tick:1s}")
  void tick() {
    for (ConnectionChanged connection : assigned.claimDue()) {
      pool.execute(() -> run(connection));
    }
  }

  private void run(ConnectionChanged connection) {
    SyncStatusReported.Status outcome = SyncStatusReported.Status.FAILED;
    try {
      var report = sync.sync(connection, assigned.takeRereads(connection.connectionId()));
      outcome = report.status();
      log.info("Synced connection {}: {} ({} messages)", connection.connectionId(), report.status(), report.messagesPublished());
    } catch (RuntimeException e) {
      // Logged without the event (toString hides the credential); the connection is retried next interval.
      log.warn("Sync of connection {} failed", connection.connectionId(), e);
    } finally {
      assigned.done(connection, outcome);
    }
  }
}
