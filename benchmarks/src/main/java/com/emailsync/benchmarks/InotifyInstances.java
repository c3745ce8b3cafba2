package com.emailsync.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Dovecot pushes IDLE news by inotify, one instance per session, counted per user (all mailboxes here run as vmail);
 * past the kernel's limit (128 by default) an IDLE session falls back to looking every 30 s, which would measure the
 * host, not the sync. Raised for a benchmark's run, as a mail server host would be, and put back after it.
 */
final class InotifyInstances implements AutoCloseable {

  private static final Path LIMIT = Path.of("/proc/sys/fs/inotify/max_user_instances");

  private final String before;

  private InotifyInstances(String before) {
    this.before = before;
  }

  static InotifyInstances atLeast(int instances) {
    try {
      String before = Files.readString(LIMIT).strip();
      if (Integer.parseInt(before) < instances) {
        Files.writeString(LIMIT, String.valueOf(instances));
      }
      return new InotifyInstances(before);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot raise " + LIMIT + " (run as root)", e);
    }
  }

  @Override
  public void close() {
    try {
      Files.writeString(LIMIT, before);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
