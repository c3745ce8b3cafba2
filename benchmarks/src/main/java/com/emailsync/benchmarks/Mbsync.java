package com.emailsync.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The rival measured in the same run: isync's {@code mbsync} pulling the same INBOX from the same Dovecot into a local
 * Maildir, whole messages, as a mail client's sync would. What a plain, well-optimised IMAP download costs here. A
 * Maildir kept between runs makes each later run an incremental sync, as a mail client's next look is.
 */
final class Mbsync implements AutoCloseable {

  private final Path work;

  private Mbsync(Path work) {
    this.work = work;
  }

  static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/mbsync"));
  }

  /** @return how long one full pull of the INBOX took */
  static Duration pull(String host, int port, String user, String password) throws IOException, InterruptedException {
    try (var mbsync = of(host, port, user, password)) {
      return mbsync.run();
    }
  }

  /** A Maildir of its own for the INBOX, empty until the first run; each run after that syncs what changed since. */
  static Mbsync of(String host, int port, String user, String password) throws IOException {
    Path work = Files.createTempDirectory("emailsync-bench-mbsync-");
    Path maildir = Files.createDirectories(work.resolve("maildir"));
    for (var sync : Sync.values()) {
      Files.writeString(
          work.resolve(sync.config),
          """
          IMAPAccount bench
          Host %s
          Port %d
          User %s
          Pass %s
          SSLType None
          AuthMechs LOGIN

          IMAPStore remote
          Account bench

          MaildirStore local
          Path %s/
          Inbox %s/INBOX

          Channel bench
          Far :remote:
          Near :local:
          Patterns INBOX
          Sync %s
          Create Near
          SyncState *
          """
              .formatted(host, port, user, password, maildir, maildir, sync.mode));
    }
    return new Mbsync(work);
  }

  /** What a run syncs: everything a mail client keeps (new mail, flags, deletions), or new mail only. */
  enum Sync {
    ALL("Pull", "mbsyncrc"),
    NEW_ONLY("PullNew", "mbsyncrc-new");

    final String mode;
    final String config;

    Sync(String mode, String config) {
      this.mode = mode;
      this.config = config;
    }
  }

  /** @return how long a run that syncs everything took */
  Duration run() throws IOException, InterruptedException {
    return run(Sync.ALL);
  }

  /** @return how long the run took; runs of either kind share the Maildir and its sync state */
  Duration run(Sync sync) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder("/usr/bin/mbsync", "-q", "-c", work.resolve(sync.config).toString(), "bench")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("mbsync.log").toFile())
            .start();
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("mbsync failed: " + Files.readString(work.resolve("mbsync.log")));
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    LocalStackProcess.delete(work);
  }
}
