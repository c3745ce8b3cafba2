package com.emailsync.benchmarks;

import static com.emailsync.benchmarks.Checks.awaitUntil;
import static com.emailsync.benchmarks.Checks.require;

import com.emailsync.testsupport.DovecotServer;
import com.emailsync.testsupport.GmailImapProxy;
import com.emailsync.testsupport.ImapCommandLog;
import com.emailsync.testsupport.JsonHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issue 7's Gmail bar: an INBOX of 100,000 messages syncs incrementally at low cost (the product we replace forbids
 * selecting Gmail's INBOX because it is slow). A loopback Dovecot holds the INBOX; the worker reaches it through the
 * Gmail proxy (X-GM-EXT-1, no NOTIFY, no QRESYNC, as Gmail offers), behind a relay that counts the bytes each way. After
 * the connection's first pass, messages arrive one at a time; each is timed from its APPEND to its committed event, and
 * the bytes the worker and the server exchanged for it are counted. Rival in the same run: mbsync's incremental runs
 * after one new message, on the same INBOX, with its Maildir already holding the rest, through a relay of its own: new
 * mail only ({@code Sync PullNew}, the same job as ours), and as a mail client syncs ({@code Sync Pull}, flags and
 * deletions too, which lists every message). {@code BENCH_SHOW_COMMANDS=1} in the environment prints each arrival's IMAP commands with
 * the moment each was sent: where the time of a pass goes.
 */
public final class SyncLargeFolderBenchmark {

  private static final int FOLDER_MESSAGES = Integer.getInteger("bench.large-folder-messages", 100_000);
  private static final int WARM_UP = 5;
  private static final int MEASURED = 20;
  private static final int RIVAL_RUNS = 5;
  private static final String TENANT = "large";
  private static final String USER = "owner@large.example";
  private static final String PASSWORD = "bench-password";

  private SyncLargeFolderBenchmark() {}

  /** One new message: how long until it was synced, and the bytes on the wire for it. */
  record Arrival(long millis, long bytes) {}

  public static void main(String[] args) throws Exception {
    DovecotServer.assumeAvailable();
    Path data = Files.createTempDirectory("emailsync-bench-data-");
    try (var dovecot = DovecotServer.start("http://127.0.0.1:1/introspect");
        var gmail = GmailImapProxy.inFrontOf(dovecot);
        var ours = ImapCommandLog.inFrontOf(gmail.port());
        var theirs = ImapCommandLog.inFrontOf(dovecot)) {
      dovecot.addUser(USER, PASSWORD);
      dovecot.deliver(USER, GeneratedMailbox.small(FOLDER_MESSAGES, 500, USER, ZonedDateTime.now().minusDays(1)));
      // The first look makes Dovecot index the new files: done before anything is timed.
      long uidNext = dovecot.uidNext(USER, PASSWORD, "INBOX");
      require(uidNext == FOLDER_MESSAGES + 1, "the INBOX indexed with every message: UIDNEXT " + uidNext);

      Map<Mbsync.Sync, List<Arrival>> rival = new java.util.EnumMap<>(Mbsync.Sync.class);
      Duration rivalFirst = null;
      if (Mbsync.available()) {
        try (var mbsync = Mbsync.of(theirs.host(), theirs.port(), USER, PASSWORD)) {
          System.out.println("Rival: mbsync's first pull of the INBOX, then " + RIVAL_RUNS + " incremental runs of each kind");
          rivalFirst = mbsync.run();
          for (int i = 0; i < RIVAL_RUNS; i++) {
            for (var sync : Mbsync.Sync.values()) {
              dovecot.append(USER, PASSWORD, "INBOX", mail("rival-" + sync + "-" + i + "@large.example"));
              theirs.clear();
              Duration took = mbsync.run(sync);
              rival.computeIfAbsent(sync, s -> new ArrayList<>()).add(new Arrival(took.toMillis(), theirs.bytes().both()));
            }
          }
        }
      }

      List<Arrival> measured;
      Duration firstPass;
      try (var stack = LocalStackProcess.startOnly(data, List.of("emailsync.sync.poll-interval=5m"), "connection", "sync")) {
        System.out.println("connection-service and sync worker up (log " + stack.log() + "); connecting the INBOX of " + FOLDER_MESSAGES);
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Thread reader = CommittedMail.follow(committed);
        try {
          Instant connecting = Instant.now();
          awaitFirstPass(ours);
          firstPass = Duration.between(connecting, Instant.now());
          for (int i = 0; i < WARM_UP; i++) {
            arrive(dovecot, ours, committed, "warm-up-" + i + "@large.example");
          }
          measured = new ArrayList<>();
          for (int i = 0; i < MEASURED; i++) {
            measured.add(arrive(dovecot, ours, committed, "new-" + i + "@large.example"));
          }
        } finally {
          reader.interrupt();
        }
      }
      String report = report(measured, firstPass, rival, rivalFirst);
      System.out.println(report);
      BenchmarkReport.write("sync-large-folder", report);
    } finally {
      LocalStackProcess.delete(data);
    }
  }

  /** Connects the INBOX (live start: its UIDNEXT now, no backfill) and waits for its first pass. */
  private static void awaitFirstPass(ImapCommandLog relay) throws Exception {
    var connections = new JsonHttp("http://127.0.0.1:8081/api/v1/tenants/" + TENANT).withToken(LocalStackProcess.token(TENANT));
    String id = ConnectedMailbox.connect(connections, USER, relay.host(), relay.port(), PASSWORD);
    awaitUntil(Duration.ofMinutes(1), () -> "the first pass (the connection says " + connections.get("/connections/" + id).json() + ")",
        () -> "OK".equals(connections.get("/connections/" + id).json().path("lastSyncStatus").asString(null)));
  }

  /** Appends one message and waits for its committed event; the bytes counted are all the worker's sessions exchanged. */
  private static Arrival arrive(DovecotServer dovecot, ImapCommandLog relay, Map<String, Long> committed, String messageId) throws Exception {
    relay.clear();
    dovecot.append(USER, PASSWORD, "INBOX", mail(messageId));
    Instant appended = Instant.now();
    awaitUntil(Duration.ofMinutes(1), messageId + " synced", () -> committed.containsKey(messageId));
    long millis = committed.get(messageId) - appended.toEpochMilli();
    var arrival = new Arrival(millis, quietBytes(relay));
    if (System.getenv("BENCH_SHOW_COMMANDS") != null) {
      System.out.println(messageId + " " + arrival + " appended " + appended);
      relay.timedLines().forEach(line -> System.out.println("  " + line.at() + " " + line.text()));
    }
    return arrival;
  }

  /**
   * The bytes counted once the wire has been quiet for 300 ms: the pass that published the message closes its folder
   * and the watch goes back to IDLE after the event is committed.
   */
  private static long quietBytes(ImapCommandLog relay) throws InterruptedException {
    long last = -1;
    Instant quietSince = Instant.now();
    while (true) {
      long now = relay.bytes().both();
      if (now != last) {
        last = now;
        quietSince = Instant.now();
      } else if (Duration.between(quietSince, Instant.now()).toMillis() >= 300) {
        return now;
      }
      Thread.sleep(20);
    }
  }

  private static String report(List<Arrival> ours, Duration firstPass, Map<Mbsync.Sync, List<Arrival>> rival, Duration rivalFirst) {
    long oursMillis = median(ours.stream().map(Arrival::millis).toList());
    long oursBytes = median(ours.stream().map(Arrival::bytes).toList());
    StringBuilder out = new StringBuilder();
    out.append("| What | Time (median) | Bytes on the wire (median) |\n| --- | --- | --- |\n");
    out.append(String.format(Locale.ROOT, "| Ours: one new message, APPEND to its committed event (%d messages, max %s) | %s | %s |%n",
        ours.size(), seconds(ours.stream().mapToLong(Arrival::millis).max().orElseThrow()), seconds(oursMillis), kilobytes(oursBytes)));
    if (rival.isEmpty()) {
      return out.append("\nmbsync not installed (apt-get install isync): no rival measured.\n").toString();
    }
    List<Arrival> newOnly = rival.get(Mbsync.Sync.NEW_ONLY);
    List<Arrival> all = rival.get(Mbsync.Sync.ALL);
    out.append(row("Rival: mbsync's run after one new message, new mail only (`Sync PullNew`, " + newOnly.size() + " runs)", newOnly));
    out.append(row("Rival: mbsync's run after one new message, as a mail client syncs (`Sync Pull`: flags and deletions too, "
        + all.size() + " runs)", all));
    out.append(String.format(Locale.ROOT, "| Ours: connect to the first pass done (live start, no backfill) | %s | |%n", seconds(firstPass.toMillis())));
    out.append(String.format(Locale.ROOT, "| Rival: mbsync's first pull of the whole INBOX (its Maildir empty) | %s | |%n", seconds(rivalFirst.toMillis())));
    long newOnlyBytes = median(newOnly.stream().map(Arrival::bytes).toList());
    long allBytes = median(all.stream().map(Arrival::bytes).toList());
    out.append(String.format(Locale.ROOT, "%n**One new message in a %,d-message INBOX: ours %s on the wire; mbsync doing the same job (new mail only) %s "
            + "(ours / mbsync %.2f×), and %s as a mail client syncs.** Ours also carries the IDLE session that announced the mail, and "
            + "its time includes Dovecot's announcement; an mbsync run starts when it is started, which a poller does every few "
            + "minutes or hours.%n",
        FOLDER_MESSAGES, kilobytes(oursBytes), kilobytes(newOnlyBytes), oursBytes / (double) Math.max(1, newOnlyBytes), kilobytes(allBytes)));
    return out.toString();
  }

  private static String row(String what, List<Arrival> runs) {
    return String.format(Locale.ROOT, "| %s | %s | %s |%n", what, seconds(median(runs.stream().map(Arrival::millis).toList())),
        kilobytes(median(runs.stream().map(Arrival::bytes).toList())));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }

  private static String kilobytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }

  private static String mail(String messageId) {
    return "Message-ID: <" + messageId + ">\r\nFrom: Carla <carla@customer.example>\r\nTo: " + USER + "\r\nSubject: New\r\n"
        + "Date: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n\r\nHello.\r\n";
  }
}
