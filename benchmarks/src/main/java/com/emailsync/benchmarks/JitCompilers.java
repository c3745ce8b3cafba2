package com.emailsync.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CPU a JVM's JIT compiler threads have used, read from /proc (Linux): a benchmark that claims to measure a worker
 * "as it runs in production" must not time one whose C2 compiler still takes a core's share of a 2-core machine. Found
 * by sampling the threads of a backfill run: after a 10,000-message warm-up, C2 still used 0.6 of a core all through
 * the measured seconds, as much as the sync itself.
 *
 * <p>The compiler threads' time is of those alive at each reading: HotSpot ends compiler threads when its queue is
 * short, and their time goes with them, so a difference between two readings can come out short, never long.
 */
final class JitCompilers {

  /** The kernel counts thread CPU in clock ticks of 1/100 s (USER_HZ, 100 on every Linux architecture Java runs on). */
  private static final long TICKS_PER_SECOND = 100;

  private final long pid;

  private JitCompilers(long pid) {
    this.pid = pid;
  }

  static JitCompilers of(long pid) {
    return new JitCompilers(pid);
  }

  /**
   * CPU time used so far by the JVM's compiler threads (Linux names them "C1 CompilerThre…" and "C2 CompilerThre…"), of
   * those alive now: one the JVM ended (their number follows the queue's length) takes its time along.
   */
  Duration cpu() {
    Duration total = Duration.ZERO;
    try (var threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path thread : threads.toList()) {
        try {
          String name = Files.readString(thread.resolve("comm"));
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            total = total.plus(ticks(Files.readString(thread.resolve("stat"))));
          }
        } catch (IOException gone) {
          // Ended while being read.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the threads of process " + pid + " (Linux /proc)", e);
    }
    return total;
  }

  /** CPU time used so far by the whole JVM (ended threads included), for the compilers' share of it. */
  Duration processCpu() {
    try {
      return ticks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read process " + pid + " (Linux /proc)", e);
    }
  }

  /** User and system time of a /proc stat line: the 14th and 15th fields, the 12th and 13th after the name's ')'. */
  private static Duration ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Duration.ofMillis((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS_PER_SECOND);
  }
}
