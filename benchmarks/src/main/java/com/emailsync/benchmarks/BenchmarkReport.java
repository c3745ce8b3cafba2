package com.emailsync.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes a benchmark's section of docs/benchmarks.md between its markers, leaving the rest of the page as it is: the
 * numbers on that page come from here, never from a hand.
 */
final class BenchmarkReport {

  static final Path PAGE = Path.of("docs/benchmarks.md");

  private BenchmarkReport() {}

  static void write(String section, String markdown) throws IOException {
    String start = "<!-- " + section + ":start -->";
    String end = "<!-- " + section + ":end -->";
    String page = Files.readString(PAGE);
    int from = page.indexOf(start);
    int to = page.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalStateException(PAGE + " has no " + start + " ... " + end + " section");
    }
    String generated =
        start + "\n_Measured " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " on " + machine() + "._\n\n" + markdown.strip() + "\n";
    Files.writeString(PAGE, page.substring(0, from) + generated + page.substring(to));
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch");
  }
}
