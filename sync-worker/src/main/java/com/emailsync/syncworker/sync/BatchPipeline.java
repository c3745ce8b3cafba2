package com.emailsync.syncworker.sync;

import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.slf4j.MDC;

/**
 * A folder's batches, read ahead of their commit in two steps: while batch n commits, batch n+1 is parsed and batch
 * n+2 downloaded. The session waits on the server, parsing on the processor, the commit on Kafka: each step of a
 * backfill runs beside the others instead of in turn. Batches come out in the order the server gave them, each as
 * parsed; a download that failed comes out as its failure, in its place.
 *
 * <p>Only the download uses the folder's session; parsing needs no server (see {@link MailboxReader.Downloaded}). At
 * most two batches are read ahead of the one committing, so a pass holds at most three batches. {@link #close} stops
 * reading ahead and waits for what runs: the folder must not be closed under a download or a parse.
 */
final class BatchPipeline implements AutoCloseable {

  /** Batches downloaded or being downloaded, and not yet taken for their commit. */
  private static final int AHEAD = 2;

  private final MailboxReader.Folder folder;
  private final int limit;
  private final Semaphore ahead = new Semaphore(AHEAD);
  private final BlockingQueue<CompletableFuture<List<Fetched>>> batches = new LinkedBlockingQueue<>();
  /** The batches offered and not yet taken: what {@link #close} waits for. */
  private final List<CompletableFuture<List<Fetched>>> started = new ArrayList<>();
  private final Thread downloads;
  private volatile boolean stopped;

  private BatchPipeline(MailboxReader.Folder folder, long uid, int limit) {
    this.folder = folder;
    this.limit = limit;
    // Still the pass's reading: its trace and its log keys (tenant, connection) go with it.
    Map<String, String> logKeys = MDC.getCopyOfContextMap();
    Context trace = Context.current();
    this.downloads = Thread.ofVirtual().name("sync-next-batch").start(trace.wrap(() -> withLogKeys(logKeys, () -> download(uid, logKeys, trace))));
  }

  /** Starts reading the batches after {@code uid}. */
  static BatchPipeline readAfter(MailboxReader.Folder folder, long uid, int limit) {
    return new BatchPipeline(folder, uid, limit);
  }

  private void download(long uid, Map<String, String> logKeys, Context trace) {
    long after = uid;
    try {
      while (true) {
        ahead.acquire();
        if (stopped) {
          return;
        }
        MailboxReader.Downloaded batch = folder.downloadAfter(after, limit);
        if (batch.isEmpty()) {
          offer(CompletableFuture.completedFuture(List.of()));
          return;
        }
        after = batch.lastUid();
        var parsed = new CompletableFuture<List<Fetched>>();
        Thread.ofVirtual().name("sync-parse").start(trace.wrap(() -> withLogKeys(logKeys, () -> {
          try {
            parsed.complete(batch.parse());
          } catch (MailboxReadFailure | RuntimeException | Error e) {
            // An Error too (out of memory): a batch never completed would hold its pass, and its session, for good.
            parsed.completeExceptionally(e);
          }
        })));
        // Offered once its parse runs: a parse that could not start leaves only the failure below in its place.
        offer(parsed);
      }
    } catch (MailboxReadFailure | RuntimeException | Error e) {
      offer(CompletableFuture.failedFuture(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      offer(CompletableFuture.failedFuture(new IllegalStateException("the download of the next batch was interrupted", e)));
    }
  }

  private synchronized void offer(CompletableFuture<List<Fetched>> batch) {
    started.add(batch);
    batches.add(batch);
  }

  /**
   * The next batch, parsed; empty at the folder's end.
   *
   * @throws MailboxReadFailure as the download or the parse of that batch would have
   */
  List<Fetched> take() throws MailboxReadFailure {
    CompletableFuture<List<Fetched>> next;
    try {
      next = batches.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the next batch", e);
    }
    ahead.release();
    try {
      List<Fetched> batch = next.get();
      forget(next);
      return batch;
    } catch (ExecutionException e) {
      forget(next);
      switch (e.getCause()) {
        case MailboxReadFailure failure -> throw failure;
        case RuntimeException unexpected -> throw unexpected;
        case Error error -> throw error;
        default -> throw new IllegalStateException(e.getCause());
      }
    } catch (InterruptedException e) {
      // Still in the list that close waits for: an interrupted pass must not close the folder under this parse.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the next batch", e);
    }
  }

  /** A batch done with: a long backfill keeps no more than the few in flight. */
  private synchronized void forget(CompletableFuture<List<Fetched>> batch) {
    started.remove(batch);
  }

  /** Reads no further, and returns once the download and every parse started have ended, whatever they read. */
  @Override
  public void close() {
    stopped = true;
    ahead.release(AHEAD);
    boolean interrupted = false;
    while (true) {
      try {
        downloads.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    List<CompletableFuture<List<Fetched>>> running;
    synchronized (this) {
      running = List.copyOf(started);
    }
    for (var batch : running) {
      while (true) {
        try {
          batch.exceptionally(e -> null).get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void withLogKeys(Map<String, String> logKeys, Runnable work) {
    if (logKeys != null) {
      MDC.setContextMap(logKeys);
    }
    try {
      work.run();
    } finally {
      MDC.clear();
    }
  }
}
