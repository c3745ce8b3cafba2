package com.emailsync.syncworker.process;

import com.emailsync.syncworker.SyncWorkerApplication;
import com.emailsync.testsupport.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sync worker in a JVM of its own, on this test's classpath, so a test can do to it what an operator's bad day does:
 * {@link #kill} is {@code kill -9}, no shutdown hook, no goodbye to the consumer group, an open transaction left behind.
 */
final class WorkerProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Polls every second and commits {@code batchSize} messages per transaction, so a kill lands mid-backfill. */
  static WorkerProcess start(String name, String brokers, int batchSize) {
    Path log = Path.of("target", "worker-" + name + ".log");
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-cp", System.getProperty("java.class.path"),
        "-Xmx256m",
        SyncWorkerApplication.class.getName(),
        "--spring.config.name=" + SyncWorkerApplication.CONFIG_NAME,
        "--spring.kafka.bootstrap-servers=" + brokers,
        "--spring.kafka.producer.transaction-id-prefix=sync-worker-" + name + "-",
        "--emailsync.secrets.transport-key=" + TestKeys.TRANSPORT,
        "--server.port=0",
        "--management.server.port=0",
        "--emailsync.auth.issuer=" + com.emailsync.testsupport.TestIssuer.issuer().issuer(),
        "--emailsync.auth.jwks-uri=" + com.emailsync.testsupport.TestIssuer.issuer().jwksUri(),
        "--emailsync.sync.poll-interval=1s",
        "--emailsync.sync.tick=100ms",
        "--emailsync.sync.batch-size=" + batchSize));
    try {
      Files.createDirectories(log.getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new WorkerProcess(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: the JVM ends at once, mid-whatever. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    kill();
  }
}
