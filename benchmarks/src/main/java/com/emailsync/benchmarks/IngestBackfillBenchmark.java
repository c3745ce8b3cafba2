package com.emailsync.benchmarks;

import static com.emailsync.benchmarks.Checks.awaitUntil;
import static com.emailsync.benchmarks.Checks.require;

import com.emailsync.events.Topics;
import com.emailsync.testsupport.DovecotServer;
import com.emailsync.testsupport.JsonHttp;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.bson.Document;

/**
 * Issue 6's bar: a 20,000-message backfill on the local stack (loopback Dovecot, 500 contacts, one automation). From
 * the first mail event to the last stored history entry must take at most 1.25 times the sync worker's own span for the
 * same mail, i.e. the history service keeps up with the sync; the triggers' lag behind the last entry is reported too.
 * mbsync pulling the same INBOX from the same Dovecot is measured in the same run as the rival.
 */
public final class IngestBackfillBenchmark {

  private static final int MESSAGES = Integer.getInteger("bench.messages", 20_000);
  private static final int CONTACTS = Integer.getInteger("bench.contacts", 500);
  private static final String TENANT = "bench";
  private static final String USER = "owner@bench.example";
  private static final String PASSWORD = "bench-password";

  private IngestBackfillBenchmark() {}

  public static void main(String[] args) throws Exception {
    DovecotServer.assumeAvailable();
    Path data = Files.createTempDirectory("emailsync-bench-data-");
    try (var dovecot = DovecotServer.start("http://127.0.0.1:1/introspect")) {
      dovecot.addUser(USER, PASSWORD);
      Result result;
      try (var stack = LocalStackProcess.start(data, List.of("emailsync.sync.poll-interval=1s"))) {
        System.out.println("Local stack up (log " + stack.log() + "); connecting the mailbox");
        result = run(dovecot);
      }
      System.out.println("Now the rival: mbsync pulling the same INBOX");
      Duration mbsync = Mbsync.available() ? Mbsync.pull(dovecot.host(), dovecot.port(), USER, PASSWORD) : null;
      String report = report(result, mbsync);
      System.out.println(report);
      BenchmarkReport.write("ingest-backfill", report);
    } finally {
      LocalStackProcess.delete(data);
    }
  }

  record Result(BackfillMail mail, TopicTimeline.Span events, TopicTimeline.Span entries, TopicTimeline.Span firings) {}

  private static Result run(DovecotServer dovecot) throws Exception {
    var contactImport = new JsonHttp("http://127.0.0.1:8085/api/v1/local/tenants/" + TENANT).withToken(LocalStackProcess.token(TENANT));
    require(contactImport.post("/contacts", "text/csv", BackfillMail.contactsCsv(CONTACTS)).status() == 202, "contact import");
    // The contacts are in the CRM before the mail: wait until the history service has them all, as in production.
    try (var mongo = MongoClients.create("mongodb://127.0.0.1:27017")) {
      var directory = mongo.getDatabase("emailsync-history").getCollection("contact_directory");
      awaitUntil(Duration.ofMinutes(2), "the contacts in the directory", () -> directory.countDocuments(new Document("tenantId", TENANT)) == CONTACTS);
    }
    var automations = new JsonHttp("http://127.0.0.1:8084/api/v1/tenants/" + TENANT).withToken(LocalStackProcess.token(TENANT));
    require(automations.post("/automations", Map.of("name", "Follow up", "trigger", "CONTACT_SENDS_EMAIL", "enabled", true)).status() == 201, "automation");
    var connections = new JsonHttp("http://127.0.0.1:8081/api/v1/tenants/" + TENANT).withToken(LocalStackProcess.token(TENANT));
    String connectionId = ConnectedMailbox.connect(connections, USER, dovecot.host(), dovecot.port(), PASSWORD);
    awaitUntil(Duration.ofMinutes(2), "the first sync", () -> "OK".equals(connections.get("/connections/" + connectionId).json().path("lastSyncStatus").asString(null)));

    BackfillMail mail = BackfillMail.generate(MESSAGES, CONTACTS, USER, ZonedDateTime.now());
    try (var timeline = new TopicTimeline("127.0.0.1:9092", List.of(Topics.MESSAGES, Topics.CONTACT_ACTIVITY, Topics.AUTOMATION_TRIGGERS))) {
      System.out.printf("Delivering %d messages into the INBOX%n", mail.messages().size());
      dovecot.deliver(USER, mail.messages());
      Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
      Instant nextProgress = Instant.now();
      while (timeline.span(Topics.MESSAGES).records < mail.messages().size()
          || timeline.span(Topics.CONTACT_ACTIVITY).records < mail.entries()
          || timeline.span(Topics.AUTOMATION_TRIGGERS).records < mail.firings()) {
        require(Instant.now().isBefore(deadline), "all mail, entries and firings within 30 minutes: " + progress(timeline, mail));
        timeline.poll();
        if (Instant.now().isAfter(nextProgress)) {
          System.out.println(progress(timeline, mail));
          nextProgress = Instant.now().plusSeconds(5);
        }
      }
      // A last look for anything beyond the expected counts: duplicates would show here.
      for (int i = 0; i < 6; i++) {
        timeline.poll();
      }
      return new Result(mail, timeline.span(Topics.MESSAGES), timeline.span(Topics.CONTACT_ACTIVITY), timeline.span(Topics.AUTOMATION_TRIGGERS));
    }
  }

  private static String report(Result r, Duration mbsync) {
    BackfillMail mail = r.mail();
    double sync = (r.events().last - r.events().first) / 1000.0;
    double history = (r.entries().last - r.events().first) / 1000.0;
    double triggersAfterLastEntry = (r.firings().last - r.entries().last) / 1000.0;
    StringBuilder out = new StringBuilder();
    out.append("| What | Measured |\n| --- | --- |\n");
    out.append(row("Mail events: records / distinct / expected", r.events().records + " / " + r.events().distinct.size() + " / " + mail.messages().size()));
    out.append(row("History entries: records / distinct / expected", r.entries().records + " / " + r.entries().distinct.size() + " / " + mail.entries()));
    out.append(row("Firings: records / distinct / expected", r.firings().records + " / " + r.firings().distinct.size() + " / " + mail.firings()));
    out.append(row("Sync worker span: first to last mail event", seconds(sync)));
    out.append(row("History span: first mail event to last stored entry", seconds(history)));
    out.append(row("**History span / sync span** (bar: at most 1.25)", ratio(history / sync) + (history / sync <= 1.25 ? " — meets the bar" : " — **misses the bar**")));
    out.append(row("Entries per second (history)", String.format(Locale.ROOT, "%.0f", mail.entries() / history)));
    out.append(row("**Last firing after last entry** (issue 9's bar: at most 2 s)",
        seconds(triggersAfterLastEntry) + (triggersAfterLastEntry <= 2.0 ? " — meets the bar" : " — **misses the bar**")));
    if (mbsync != null) {
      double rival = mbsync.toMillis() / 1000.0;
      out.append(row("Rival: mbsync pulling the same INBOX (whole messages to a Maildir)", seconds(rival)));
      out.append(row("Sync span / mbsync", ratio(sync / rival)));
      out.append(row("History span / mbsync", ratio(history / rival)));
    } else {
      out.append(row("Rival: mbsync", "not installed (apt-get install isync)"));
    }
    return out.toString();
  }

  private static String progress(TopicTimeline timeline, BackfillMail mail) {
    return "mail " + timeline.span(Topics.MESSAGES).records + "/" + mail.messages().size()
        + ", entries " + timeline.span(Topics.CONTACT_ACTIVITY).records + "/" + mail.entries()
        + ", firings " + timeline.span(Topics.AUTOMATION_TRIGGERS).records + "/" + mail.firings();
  }

  private static String row(String what, String value) {
    return "| " + what + " | " + value + " |\n";
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f×", r);
  }
}
