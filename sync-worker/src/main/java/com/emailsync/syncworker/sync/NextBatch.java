package com.emailsync.syncworker.sync;

import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.MDC;

/**
 * A folder's next batch, read while the current one commits: the read waits on the mail server and the commit on
 * Kafka, so a backfill need not wait on each in turn. Only this read uses the folder's session meanwhile; whoever
 * started it takes its result or, when the commit failed, lets it finish before the folder is closed under it.
 */
final class NextBatch {

  private final CompletableFuture<List<Fetched>> read;

  private NextBatch(CompletableFuture<List<Fetched>> read) {
    this.read = read;
  }

  static NextBatch readAfter(MailboxReader.Folder folder, long uid, int limit) {
    var read = new CompletableFuture<List<Fetched>>();
    // Still the pass's read: its trace and its log keys (tenant, connection) go with it.
    Map<String, String> logKeys = MDC.getCopyOfContextMap();
    Thread.ofVirtual().name("sync-next-batch").start(Context.current().wrap(() -> {
      if (logKeys != null) {
        MDC.setContextMap(logKeys);
      }
      try {
        read.complete(folder.fetchAfter(uid, limit));
      } catch (MailboxReadFailure | RuntimeException e) {
        read.completeExceptionally(e);
      } finally {
        MDC.clear();
      }
    }));
    return new NextBatch(read);
  }

  /** @throws MailboxReadFailure as the read itself would have */
  List<Fetched> take() throws MailboxReadFailure {
    try {
      return finished().get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case MailboxReadFailure failure -> throw failure;
        case RuntimeException unexpected -> throw unexpected;
        default -> throw new IllegalStateException(e.getCause());
      }
    } catch (InterruptedException e) {
      throw new AssertionError("a finished read does not wait", e);
    }
  }

  /** Waits for the read to end, whatever it read: the batch will be read again by the next pass. */
  void abandon() {
    finished();
  }

  /** The read once it ended; an interrupt waits for it all the same (the session must not be closed under it). */
  private CompletableFuture<List<Fetched>> finished() {
    boolean interrupted = false;
    while (true) {
      try {
        read.exceptionally(e -> null).get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return read;
  }
}
