package com.emailsync.benchmarks;

import java.time.Duration;
import java.time.Instant;

/** What every benchmark checks as it goes: a run that did not do what it measures fails, saying what was missing. */
final class Checks {

  private Checks() {}

  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  static void require(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("Benchmark failed: " + what);
    }
  }

  /**
   * Writes the page cache's dirty pages out ({@code sync}) and waits for it: a run that follows one that wrote hundreds
   * of megabytes (mbsync's Maildir, Dovecot's delivery) would otherwise pay for that writing.
   */
  static void flushDisk() throws java.io.IOException, InterruptedException {
    Process sync = new ProcessBuilder("sync").inheritIO().start();
    require(sync.waitFor() == 0, "sync flushed the page cache");
  }

  /** Looks every 100 ms; the numbers a benchmark reports come from timestamps, never from this polling. */
  static void awaitUntil(Duration timeout, String what, Condition condition) throws Exception {
    awaitUntil(timeout, () -> what, condition);
  }

  /** @param what asked only on a timeout, so it can say what stood in the way then (a status, a count) */
  static void awaitUntil(Duration timeout, java.util.function.Supplier<String> what, Condition condition) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.holds()) {
      require(Instant.now().isBefore(deadline), what.get() + " within " + timeout);
      Thread.sleep(100);
    }
  }
}
