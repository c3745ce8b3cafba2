package com.emailsync.benchmarks;

import com.emailsync.syncworker.SyncWorkerApplication;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A sync worker in a JVM of its own, with the JIT's full tiers, on the benchmark's class path, next to a local stack
 * that runs Kafka and connection-service: what a worker pod is, measurable (and killable) on its own.
 */
record SyncWorkerJvm(Process process, Path log) {

  static SyncWorkerJvm start(String name, Path stackData, List<String> jvmOptions, List<String> settings) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of(
        "-cp", System.getProperty("java.class.path"),
        SyncWorkerApplication.class.getName(),
        "--spring.config.name=" + SyncWorkerApplication.CONFIG_NAME,
        "--spring.kafka.bootstrap-servers=127.0.0.1:9092",
        "--spring.kafka.consumer.client-id=" + name + "-sync-worker",
        "--spring.kafka.producer.transaction-id-prefix=sync-worker-" + name + "-",
        "--emailsync.secrets.transport-key=" + transportKey(stackData),
        "--emailsync.imap.allowed-hosts=127.0.0.1",
        "--management.server.port=0",
        // The worker's actuator takes the local stack's tokens, as the stack's own services do.
        "--emailsync.auth.issuer=" + LocalStackProcess.ISSUER,
        "--emailsync.auth.jwks-uri=" + LocalStackProcess.ISSUER + "/jwks"));
    command.addAll(settings);
    Path log = Files.createTempFile("emailsync-bench-worker-" + name + "-", ".log");
    System.out.println("Worker " + name + " starting (log " + log + ")");
    return new SyncWorkerJvm(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
  }

  /** The key the local stack made for its data directory: the workers must open what connection-service sealed. */
  private static String transportKey(Path stackData) throws IOException {
    var keys = new Properties();
    try (Reader in = Files.newBufferedReader(stackData.resolve("local-keys.properties"))) {
      keys.load(in);
    }
    return keys.getProperty("transport-key");
  }

  long pid() {
    return process.pid();
  }

  /** As Kubernetes stops a pod (SIGTERM, then SIGKILL after a grace period): shutdown hooks run, a recording is written. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** kill -9: no shutdown hook, no goodbye to the consumer group. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
