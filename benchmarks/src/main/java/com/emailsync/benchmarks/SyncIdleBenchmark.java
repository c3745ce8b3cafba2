package com.emailsync.benchmarks;

import static com.emailsync.benchmarks.Checks.require;

import com.emailsync.events.Topics;
import com.emailsync.testsupport.DovecotServer;
import com.emailsync.testsupport.JsonHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Issue 7's idle bar: 1,000 accounts connected to one sync worker (a JVM of its own, as a pod is), each watched with
 * its defaults (IDLE on INBOX and Sent, a kept pass session), all idling on a loopback Dovecot. Measured: the worker's
 * heap after a full GC, its threads, and the latency of mail that arrives while they idle. The bar: heap at most 128 MB.
 * Beside it in the same run, the memory of the other end of the same sessions: Dovecot's imap processes.
 */
public final class SyncIdleBenchmark {

  private static final int ACCOUNTS = Integer.getInteger("bench.accounts", 1000);
  private static final int PROBES = 50;
  private static final String TENANT = "idle";
  private static final String PASSWORD = "bench-password";

  private SyncIdleBenchmark() {}

  public static void main(String[] args) throws Exception {
    DovecotServer.assumeAvailable();
    Path data = Files.createTempDirectory("emailsync-bench-data-");
    try (var inotify = InotifyInstances.atLeast(ACCOUNTS * 4);
        var dovecot = DovecotServer.start("http://127.0.0.1:1/introspect", DovecotServer.MANY_SESSIONS)) {
      List<String> users = new ArrayList<>();
      for (int i = 0; i < ACCOUNTS; i++) {
        users.add("user" + i + "@idle.example");
      }
      dovecot.addUsers(users, PASSWORD);
      String report;
      try (var stack = LocalStackProcess.startOnly(data, List.of(), "connection")) {
        System.out.println("Kafka and connection-service up (log " + stack.log() + ")");
        var worker = SyncWorkerJvm.start("idle", data, List.of("-Xmx1g"), List.of("--server.port=0", "--emailsync.sync.parallelism=8"));
        try {
          connectAll(dovecot, users);
          int sessions = awaitSessionsSettled(dovecot.port());
          Memory memory = memory(worker.pid());
          long dovecotKb = dovecotRssKb();
          List<Long> latencies = latencyWhileIdle(dovecot, users);
          report = report(memory, sessions, dovecotKb, latencies);
        } finally {
          worker.kill();
        }
      }
      System.out.println(report);
      BenchmarkReport.write("sync-idle", report);
    } finally {
      LocalStackProcess.delete(data);
    }
  }

  private static void connectAll(DovecotServer dovecot, List<String> users) throws Exception {
    var connections = new JsonHttp("http://127.0.0.1:8081/api/v1/tenants/" + TENANT).withToken(LocalStackProcess.token(TENANT));
    for (int i = 0; i < users.size(); i++) {
      String user = users.get(i);
      ConnectedMailbox.connect(connections, user, dovecot.host(), dovecot.port(), PASSWORD);
      if (i % 100 == 99) {
        System.out.println("connected " + (i + 1) + "/" + users.size());
      }
    }
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (true) {
      var listed = connections.get("/connections").json();
      int synced = 0;
      for (var connection : listed) {
        synced += "OK".equals(connection.path("lastSyncStatus").asString(null)) ? 1 : 0;
      }
      if (synced == users.size()) {
        return;
      }
      require(Instant.now().isBefore(deadline), "every mailbox synced once within 10 minutes (" + synced + ")");
      System.out.println("synced once: " + synced + "/" + users.size());
      Thread.sleep(2000);
    }
  }

  /** The sessions to Dovecot (established TCP connections to its port), once their number held still for 10 s. */
  private static int awaitSessionsSettled(int port) throws Exception {
    int last = -1;
    Instant stableSince = Instant.now();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (true) {
      int now = establishedTo(port);
      if (now != last) {
        last = now;
        stableSince = Instant.now();
        System.out.println("sessions to Dovecot: " + now);
      } else if (Duration.between(stableSince, Instant.now()).compareTo(Duration.ofSeconds(10)) >= 0) {
        return now;
      }
      require(Instant.now().isBefore(deadline), "the sessions settled within 5 minutes");
      Thread.sleep(1000);
    }
  }

  /** Client-side ends of established connections to the port, from /proc/net/tcp and tcp6 (state 01). */
  private static int establishedTo(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    int count = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 3 && fields[2].endsWith(hexPort) && fields[3].equals("01")) {
          count++;
        }
      }
    }
    return count;
  }

  record Memory(long heapAfterGcKb, int threads, long rssKb) {}

  private static Memory memory(long pid) throws Exception {
    String jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd").toString();
    run(jcmd, String.valueOf(pid), "GC.run");
    String heap = run(jcmd, String.valueOf(pid), "GC.heap_info");
    var used = Pattern.compile("used (\\d+)K").matcher(heap);
    require(used.find(), "the heap's use in: " + heap);
    String status = Files.readString(Path.of("/proc/" + pid + "/status"));
    return new Memory(Long.parseLong(used.group(1)), Integer.parseInt(field(status, "Threads")), Long.parseLong(field(status, "VmRSS").replace(" kB", "").trim()));
  }

  /** What the server's side of the same sessions takes: the resident memory of Dovecot's imap processes. */
  private static long dovecotRssKb() throws IOException {
    long total = 0;
    try (var processes = Files.list(Path.of("/proc"))) {
      for (Path dir : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String status = Files.readString(dir.resolve("status"));
          if (field(status, "Name").equals("imap")) {
            total += Long.parseLong(field(status, "VmRSS").replace(" kB", "").trim());
          }
        } catch (IOException | RuntimeException gone) {
          // A process that ended while being read.
        }
      }
    }
    return total;
  }

  private static String field(String status, String name) {
    return status.lines().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow().substring(name.length() + 1).trim();
  }

  /** Mail into random accounts, one every 200 ms, each timed from its APPEND to its event committed. */
  private static List<Long> latencyWhileIdle(DovecotServer dovecot, List<String> users) throws Exception {
    Map<String, Long> committed = new ConcurrentHashMap<>();
    var reader = CommittedMail.follow(committed);
    Map<String, Long> appended = new ConcurrentHashMap<>();
    var random = new Random(1000);
    for (int i = 0; i < PROBES; i++) {
      String user = users.get(random.nextInt(users.size()));
      String id = "idle-" + i + "-" + UUID.randomUUID() + "@idle.example";
      dovecot.append(user, PASSWORD, "INBOX", "Message-ID: <" + id + ">\r\nFrom: carla@customer.example\r\nTo: " + user + "\r\nSubject: While idle\r\n\r\nHello.\r\n");
      appended.put(id, System.currentTimeMillis());
      Thread.sleep(200);
    }
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (!committed.keySet().containsAll(appended.keySet())) {
      require(Instant.now().isBefore(deadline), "every probe committed within 2 minutes");
      Thread.sleep(100);
    }
    reader.interrupt();
    List<Long> latencies = new ArrayList<>(appended.keySet().stream().map(id -> committed.get(id) - appended.get(id)).toList());
    Collections.sort(latencies);
    return latencies;
  }

  private static String report(Memory memory, int sessions, long dovecotKb, List<Long> latencies) {
    double heapMb = memory.heapAfterGcKb() / 1024.0;
    StringBuilder out = new StringBuilder();
    out.append("| What | Measured |\n| --- | --- |\n");
    out.append(String.format(Locale.ROOT, "| Accounts on one worker, all synced and idling | %d |%n", ACCOUNTS));
    out.append(String.format(Locale.ROOT, "| Sessions to Dovecot (established TCP connections) | %d |%n", sessions));
    out.append(String.format(Locale.ROOT, "| **Worker heap after a full GC** (bar: at most 128 MB; aim 50 KB per account) | %.1f MB, %.0f KB per account — %s |%n",
        heapMb, memory.heapAfterGcKb() / (double) ACCOUNTS, heapMb <= 128 ? "meets the bar" : "**misses the bar**"));
    out.append(String.format(Locale.ROOT, "| Worker threads (platform; IDLE runs on virtual threads) | %d |%n", memory.threads()));
    out.append(String.format(Locale.ROOT, "| Worker resident memory (heap, metaspace, code, stacks) | %.0f MB |%n", memory.rssKb() / 1024.0));
    out.append(String.format(Locale.ROOT, "| Rival: Dovecot's imap processes, the server's side of the same sessions (resident) | %.0f MB |%n", dovecotKb / 1024.0));
    out.append(String.format(Locale.ROOT, "| Worker heap / Dovecot resident | %.2f× |%n", memory.heapAfterGcKb() / (double) dovecotKb));
    out.append(String.format(Locale.ROOT, "| Latency while idle, APPEND to committed event (%d messages to random accounts): p50 / p99 / max | %.2f s / %.2f s / %.2f s |%n",
        latencies.size(), latencies.get(latencies.size() / 2) / 1000.0, latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1000.0,
        latencies.getLast() / 1000.0));
    return out.toString();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    require(process.waitFor() == 0, String.join(" ", command) + " failed: " + output);
    return output;
  }
}
