package com.emailsync.benchmarks;

import com.emailsync.contacthistory.history.HistoryEntry;
import com.emailsync.contacthistory.history.HistoryQuery;
import com.emailsync.contacthistory.history.mongo.MongoHistoryRepository;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.StableId;
import com.emailsync.testsupport.EmbeddedMongo;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Issue 6's second number: the time to serve a 50-entry history page with 1,000,000 entries stored, p50 and p99, on the
 * packaged local stack. The rival measured in the same run is the same page read straight from the store with the
 * driver (no HTTP, no service): what the service adds on top of its store.
 */
public final class HistoryPageBenchmark {

  private static final int ENTRIES = Integer.getInteger("bench.entries", 1_000_000);
  private static final int CONTACTS = Integer.getInteger("bench.contacts", 10_000);
  private static final int REQUESTS = Integer.getInteger("bench.requests", 500);
  private static final String TENANT = "bench";

  private HistoryPageBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path data = Files.createTempDirectory("emailsync-bench-data-");
    // The local stack's own store (mongo-java-server on H2) fails under a million entries ("Chunk not found"): the
    // store here is mongo-java-server in memory, which the stack uses as it would an external MongoDB.
    try (var memoryStore = EmbeddedMongo.start();
        var stack = LocalStackProcess.start(data, List.of(), Map.of("MONGODB_URI", memoryStore.uri()))) {
      System.out.println("Local stack up (log " + stack.log() + "); storing " + ENTRIES + " entries");
      try (var mongo = MongoClients.create(memoryStore.uri())) {
        var repository = new MongoHistoryRepository(mongo.getDatabase("emailsync-history"));
        long loadStart = System.nanoTime();
        load(repository);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf(Locale.ROOT, "Stored in %.0f s; measuring %d pages%n", loadSeconds, REQUESTS);
        long[] service = measure(REQUESTS, contact -> servePage(contact));
        long[] store = measure(REQUESTS, contact -> repository.page(HistoryQuery.all(TENANT, contact), null, 51));
        String report = report(service, store, loadSeconds);
        System.out.println(report);
        BenchmarkReport.write("history-page", report);
      }
    } finally {
      LocalStackProcess.delete(data);
    }
  }

  private static void load(MongoHistoryRepository repository) {
    var random = new Random(1_000_000);
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    List<HistoryEntry> batch = new ArrayList<>(1000);
    for (int i = 0; i < ENTRIES; i++) {
      String contact = "contact-" + (i % CONTACTS);
      batch.add(entry(contact, "bench-" + i + "@bench.example", start.plusSeconds(random.nextInt(31_536_000))));
      if (batch.size() == 1000) {
        repository.storeAll(batch);
        batch.clear();
        if ((i + 1) % 100_000 == 0) {
          System.out.println("  " + (i + 1) + " entries stored");
        }
      }
    }
    repository.storeAll(batch);
  }

  /** An entry as ingest stores it for a received mail: subject, snippet, participants; the body is kept apart. */
  private static HistoryEntry entry(String contactId, String messageId, Instant sentAt) {
    var from = new EmailAddress("Contact", contactId + "@customers.example");
    return new HistoryEntry(
        StableId.of(TENANT, contactId, messageId), TENANT, contactId, "conn-bench", EmailEvent.Direction.RECEIVED, ContactEmailLogged.Role.FROM,
        messageId, "Renewal question " + messageId, from, List.of(EmailAddress.of("owner@bench.example")), List.of(), sentAt,
        "We would like to discuss the renewal of our subscription and the pricing for additional seats. We would like to discuss the renewal…",
        null, null, false, List.of(), UUID.nameUUIDFromBytes(messageId.getBytes(java.nio.charset.StandardCharsets.UTF_8)), MailOrigin.LIVE, messageId, false, false, false, "INBOX");
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String token;

  /** One token for the whole run, as a CRM user's session would hold. */
  private static synchronized String token() {
    if (token == null) {
      token = LocalStackProcess.token(TENANT);
    }
    return token;
  }

  private static void servePage(String contact) {
    try {
      var response = HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:8083/api/v1/tenants/" + TENANT + "/contacts/" + contact + "/history?limit=50"))
              .header("Authorization", "Bearer " + token()).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || !response.body().contains("\"nextCursor\"")) {
        throw new IllegalStateException("page answered " + response.statusCode() + ": " + response.body());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Latencies in microseconds of {@code count} pages of random contacts, after a tenth as many to warm up. */
  private static long[] measure(int count, java.util.function.Consumer<String> page) {
    var random = new Random(50);
    for (int i = 0; i < Math.max(10, count / 10); i++) {
      page.accept("contact-" + random.nextInt(CONTACTS));
    }
    long[] micros = new long[count];
    for (int i = 0; i < count; i++) {
      String contact = "contact-" + random.nextInt(CONTACTS);
      long start = System.nanoTime();
      page.accept(contact);
      micros[i] = (System.nanoTime() - start) / 1000;
    }
    Arrays.sort(micros);
    return micros;
  }

  private static String report(long[] service, long[] store, double loadSeconds) {
    return "| What | p50 | p99 |\n| --- | --- | --- |\n"
        + row("50-entry page over HTTP from contact-history-service", service)
        + row("Rival: the same page read straight from the store (driver, no service)", store)
        + String.format(Locale.ROOT, "| Service / store | %.2f× | %.2f× |%n", ratio(service, 0.50, store), ratio(service, 0.99, store))
        + String.format(Locale.ROOT, "%n%d entries over %d contacts (%d each), stored in %.0f s; %d pages of random contacts measured after %d to warm up.%n",
            ENTRIES, CONTACTS, ENTRIES / CONTACTS, loadSeconds, service.length, Math.max(10, service.length / 10));
  }

  private static String row(String what, long[] micros) {
    return String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms |%n", what, percentile(micros, 0.50) / 1000.0, percentile(micros, 0.99) / 1000.0);
  }

  private static double ratio(long[] a, double p, long[] b) {
    return (double) percentile(a, p) / Math.max(1, percentile(b, p));
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
