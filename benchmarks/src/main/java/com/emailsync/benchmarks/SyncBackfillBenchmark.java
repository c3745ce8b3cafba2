package com.emailsync.benchmarks;

import static com.emailsync.benchmarks.Checks.require;

import com.emailsync.events.Topics;
import com.emailsync.testsupport.DovecotServer;
import com.emailsync.testsupport.JsonHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 7's backfill bar: a mailbox of 20,000 messages (about 14 KB on average, 5 % with a 20 to 200 KB attachment,
 * 500 senders) on a loopback Dovecot, connected with a backfill of all its mail; from the connect request to the last
 * mail event committed, in messages per second. The worker runs as production runs it: a JVM of its own with the
 * JIT's full tiers, beside Kafka and connection-service (the local stack's), and nothing else taking its CPU. Rivals in
 * the same run, on the same mailbox: mbsync pulling it into a Maildir, and the raw IMAP stream of it. The bar: ours at
 * least 3 times mbsync's rate.
 */
public final class SyncBackfillBenchmark {

  private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
  private static final int SENDERS = 500;
  private static final String TENANT = "backfill";
  private static final String USER = "owner@backfill.example";
  private static final String PASSWORD = "bench-password";
  /** A worker in production has long been running when a backfill comes: this mailbox warms the JIT first, untimed (see warmUp). */
  private static final String WARM_UP_USER = "warm-up@backfill.example";
  private static final int WARM_UP_MESSAGES = Integer.getInteger("bench.warm-up-messages", 10_000);
  private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warm-up-rounds", 8);
  /** Ours and mbsync each measured this many times, each run alone on the machine; the page shows the medians. */
  private static final int RUNS = Integer.getInteger("bench.runs", 3);

  private SyncBackfillBenchmark() {}

  /** One measured backfill of the mailbox, under a connection of its own. */
  record Run(Duration ours, Duration firstToLast, long events, long distinct, Duration workerCpu, Duration workerJitCpu, Duration stackCpu) {}

  /** @param runs ours, each a new connection of the same mailbox; @param mbsync its pulls, each into an empty Maildir */
  record Measured(int messages, long mailboxBytes, int withAttachment, List<Run> runs, List<Duration> mbsync, RawImapStream.Pull raw, Warm warm) {

    Run median() {
      return runs.stream().sorted(java.util.Comparator.comparing(Run::ours)).toList().get(runs.size() / 2);
    }

    @org.jspecify.annotations.Nullable Duration mbsyncMedian() {
      return mbsync.isEmpty() ? null : mbsync.stream().sorted().toList().get(mbsync.size() / 2);
    }
  }

  /** @param jitShares the JIT compilers' share of the worker's CPU in each warm-up backfill */
  record Warm(List<Double> jitShares) {}

  /**
   * Backfills of the warm-up mailbox, each under a tenant of its own (a new connection), deleted after it. One is not
   * enough: while the startup's compile queue is long, HotSpot raises its thresholds, and C2 was still compiling the
   * parsing code during the measured run. Each backfill's share is shown on the page, and the compilers' part of the
   * measured run's CPU.
   */
  private static Warm warmUp(DovecotServer dovecot, JitCompilers jit) throws Exception {
    List<Double> shares = new java.util.ArrayList<>();
    for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
      Duration workerBefore = jit.processCpu();
      Duration jitBefore = jit.cpu();
      String tenant = "warm-up-" + round;
      Backfilled backfilled = backfill(dovecot, tenant, WARM_UP_USER, WARM_UP_MESSAGES);
      ConnectedMailbox.delete(connections(tenant), backfilled.connectionId());
      double share = Math.max(0, jit.cpu().minus(jitBefore).toMillis()) / (double) Math.max(1, jit.processCpu().minus(workerBefore).toMillis());
      System.out.printf(Locale.ROOT, "warm-up backfill %d: the JIT's compilers took %.0f%% of the worker's CPU%n", round, share * 100);
      shares.add(share);
    }
    return new Warm(shares);
  }

  public static void main(String[] args) throws Exception {
    DovecotServer.assumeAvailable();
    Path data = Files.createTempDirectory("emailsync-bench-data-");
    try (var dovecot = DovecotServer.start("http://127.0.0.1:1/introspect")) {
      dovecot.addUser(USER, PASSWORD);
      dovecot.addUser(WARM_UP_USER, PASSWORD);
      dovecot.deliver(WARM_UP_USER, GeneratedMailbox.generate(WARM_UP_MESSAGES, SENDERS, WARM_UP_USER, ZonedDateTime.now().minusDays(2)));
      List<String> mailbox = GeneratedMailbox.generate(MESSAGES, SENDERS, USER, ZonedDateTime.now().minusDays(1));
      long bytes = mailbox.stream().mapToLong(m -> m.getBytes(StandardCharsets.UTF_8).length).sum();
      int withAttachment = (int) mailbox.stream().filter(m -> m.contains("multipart/mixed")).count();
      dovecot.deliver(USER, mailbox);
      // The first session to open the folder makes Dovecot index 20,000 new files: done here, before anything is timed,
      // and it leaves the mail in the page cache for every puller alike.
      RawImapStream.pull(dovecot.host(), dovecot.port(), USER, PASSWORD, "INBOX");
      System.out.println("Rival: the raw IMAP stream of the INBOX");
      Checks.flushDisk();
      RawImapStream.Pull raw = RawImapStream.pull(dovecot.host(), dovecot.port(), USER, PASSWORD, "INBOX");
      List<Duration> mbsync = new java.util.ArrayList<>();
      // Each pull into an empty Maildir of its own; all are deleted only after the last, as deleting 20,000 files
      // slows the disk for the run after it.
      List<Mbsync> pulls = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < RUNS && Mbsync.available(); i++) {
          System.out.println("Rival: mbsync pulling the INBOX");
          pulls.add(Mbsync.of(dovecot.host(), dovecot.port(), USER, PASSWORD));
          Checks.flushDisk();
          mbsync.add(pulls.getLast().run());
        }
      } finally {
        pulls.forEach(Mbsync::close);
      }
      Measured measured;
      try (var stack = LocalStackProcess.startOnly(data, List.of(), "connection")) {
        // The worker in a JVM of its own, as in production (a pod of its own): its CPU and its JIT are measured apart
        // from the broker's and connection-service's.
        List<String> jvmOptions = new java.util.ArrayList<>(List.of("-Xmx2g"));
        // For profiling the worker, e.g. -Dbench.worker-jvm-options="-XX:StartFlightRecording=filename=/tmp/worker.jfr"
        String more = System.getProperty("bench.worker-jvm-options", "");
        if (!more.isBlank()) {
          jvmOptions.addAll(List.of(more.strip().split("\\s+")));
        }
        var worker = SyncWorkerJvm.start("backfill", data, jvmOptions, List.of("--server.port=0", "--emailsync.sync.poll-interval=5m"));
        try {
          System.out.println("Kafka and connection-service up (log " + stack.log() + "); warming the worker up on " + WARM_UP_MESSAGES + " messages");
          var workerCpu = JitCompilers.of(worker.pid());
          Warm warm = warmUp(dovecot, workerCpu);
          System.out.println("Warm after " + warm.jitShares().size() + " backfills; connecting the measured mailbox with a backfill of all mail");
          measured = run(dovecot, mailbox.size(), bytes, withAttachment, mbsync, raw, workerCpu, JitCompilers.of(stack.pid()), warm);
        } finally {
          worker.stop();
        }
      }
      String report = report(measured);
      System.out.println(report);
      BenchmarkReport.write("sync-backfill", report);
    } finally {
      LocalStackProcess.delete(data);
    }
  }

  private static Measured run(
      DovecotServer dovecot, int messages, long bytes, int withAttachment, List<Duration> mbsync, RawImapStream.Pull raw, JitCompilers worker,
      JitCompilers stack, Warm warm) throws Exception {
    List<Run> runs = new java.util.ArrayList<>();
    for (int i = 1; i <= RUNS; i++) {
      Checks.flushDisk();
      Duration workerBefore = worker.processCpu();
      Duration jitBefore = worker.cpu();
      Duration stackBefore = stack.processCpu();
      Backfilled backfilled = backfill(dovecot, TENANT + "-" + i, USER, messages);
      Duration workerCpu = worker.processCpu().minus(workerBefore);
      Duration jitCpu = worker.cpu().minus(jitBefore);
      Duration stackCpu = stack.processCpu().minus(stackBefore);
      // Dovecot allows a user 10 sessions from one address: each run's connection ends with it.
      ConnectedMailbox.delete(connections(TENANT + "-" + i), backfilled.connectionId());
      var events = backfilled.events();
      require(events.records == messages && events.distinct.size() == messages,
          "run %d: every message once: %d records, %d distinct, %d expected".formatted(i, events.records, events.distinct.size(), messages));
      runs.add(new Run(Duration.ofMillis(events.last - backfilled.connecting().toEpochMilli()), Duration.ofMillis(events.last - events.first),
          events.records, events.distinct.size(), workerCpu, jitCpu.isNegative() ? Duration.ZERO : jitCpu, stackCpu));
      System.out.println("Measured run " + i + ": " + runs.getLast().ours().toMillis() + " ms");
    }
    return new Measured(messages, bytes, withAttachment, runs, mbsync, raw, warm);
  }

  /** connection-service's API for the tenant, as one of its admins. */
  private static JsonHttp connections(String tenant) {
    return new JsonHttp("http://127.0.0.1:8081/api/v1/tenants/" + tenant).withToken(LocalStackProcess.token(tenant));
  }

  record Backfilled(String connectionId, Instant connecting, TopicTimeline.Span events) {}

  /** Connects the user's mailbox with a backfill of all its mail and waits for every message's event. */
  private static Backfilled backfill(DovecotServer dovecot, String tenant, String user, int messages) throws Exception {
    try (var timeline = new TopicTimeline("127.0.0.1:9092", List.of(Topics.MESSAGES))) {
      var connections = connections(tenant);
      Instant connecting = Instant.now();
      String connectionId = ConnectedMailbox.connect(connections, user, dovecot.host(), dovecot.port(), PASSWORD, Map.of("backfill", Map.of("all", true)));
      Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
      // The mail events are read once the worker's pass has ended (its status says so), not while it runs: on this
      // 2-core machine the benchmark's own consumer would take CPU from what it measures. Their broker timestamps are
      // the same whenever they are read.
      Checks.awaitUntil(Duration.ofMinutes(30), () -> "the first pass of connection " + connectionId + " to end",
          () -> connections.get("/connections/" + connectionId).json().path("lastSyncStatus").isString());
      Instant nextProgress = Instant.now();
      while (timeline.span(Topics.MESSAGES, connectionId).records < messages) {
        require(Instant.now().isBefore(deadline), "all mail within 30 minutes: " + timeline.span(Topics.MESSAGES, connectionId).records);
        timeline.poll();
        if (Instant.now().isAfter(nextProgress)) {
          System.out.println("mail events " + timeline.span(Topics.MESSAGES, connectionId).records + "/" + messages);
          nextProgress = Instant.now().plusSeconds(5);
        }
      }
      // A last look for anything beyond the expected count: duplicates would show here.
      for (int i = 0; i < 6; i++) {
        timeline.poll();
      }
      return new Backfilled(connectionId, connecting, timeline.span(Topics.MESSAGES, connectionId));
    }
  }

  private static String report(Measured m) {
    Run run = m.median();
    Duration mbsync = m.mbsyncMedian();
    double ours = m.messages() / seconds(run.ours());
    StringBuilder out = new StringBuilder();
    out.append("| What (the median of %d runs) | Time | Messages per second |\n| --- | --- | --- |\n".formatted(m.runs().size()));
    out.append(row("Ours: connect (backfill all) to the last mail event committed", run.ours(), m.messages()));
    out.append(row("Ours: first to last mail event", run.firstToLast(), m.messages()));
    if (mbsync != null) {
      out.append(row("Rival: mbsync pulling the same INBOX (whole messages to a Maildir)", mbsync, m.messages()));
    }
    out.append(row("Rival: the raw IMAP stream (`FETCH 1:* BODY.PEEK[]`, read and dropped; one run)", m.raw().took(), m.messages()));
    out.append('\n');
    out.append("| Ratio | Measured |\n| --- | --- |\n");
    if (mbsync != null) {
      double ratio = ours / (m.messages() / seconds(mbsync));
      out.append("| **Ours / mbsync** (medians; bar: at least 3; aim 5) | %.2f× — %s |\n".formatted(ratio, ratio >= 3 ? "meets the bar" : "**misses the bar**"));
    } else {
      out.append("| Ours / mbsync | mbsync not installed (apt-get install isync) |\n");
    }
    out.append("| Ours / raw IMAP stream | %.2f× |\n".formatted(ours / (m.messages() / seconds(m.raw().took()))));
    out.append("| Mail events, each run: records / distinct / expected | %s |\n".formatted(
        m.runs().stream().map(r -> "%d / %d / %d".formatted(r.events(), r.distinct(), m.messages())).collect(java.util.stream.Collectors.joining("; "))));
    out.append('\n');
    out.append(String.format(Locale.ROOT, "Every run: ours %s; mbsync %s.%n%n", seconds(m.runs().stream().map(Run::ours).toList()), seconds(m.mbsync())));
    out.append(String.format(Locale.ROOT,
        "CPU during the median run: the worker's JVM %.1f s (%.0f µs a message), of which its JIT compilers %.1f s; Kafka and connection-service's JVM %.1f s. The worker was warmed by %d backfills of %d messages, in which its compilers took %s of its CPU.%n%n",
        seconds(run.workerCpu()), run.workerCpu().toNanos() / 1000.0 / m.messages(), seconds(run.workerJitCpu()), seconds(run.stackCpu()), m.warm().jitShares().size(), WARM_UP_MESSAGES,
        m.warm().jitShares().stream().map(share -> String.format(Locale.ROOT, "%.0f %%", share * 100)).collect(java.util.stream.Collectors.joining(", "))));
    out.append(String.format(Locale.ROOT, "%d messages from %d senders, %.1f KB on average (%.0f MB in all), %d with an attachment of 20 to 200 KB.%n",
        m.messages(), SENDERS, m.mailboxBytes() / 1024.0 / m.messages(), m.mailboxBytes() / 1024.0 / 1024.0, m.withAttachment()));
    return out.toString();
  }

  private static String seconds(List<Duration> runs) {
    return runs.isEmpty() ? "none" : runs.stream().map(d -> String.format(Locale.ROOT, "%.1f s", seconds(d))).collect(java.util.stream.Collectors.joining(", "));
  }

  private static String row(String what, Duration took, int messages) {
    return String.format(Locale.ROOT, "| %s | %.1f s | %.0f |%n", what, seconds(took), messages / seconds(took));
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
