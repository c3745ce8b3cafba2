package com.emailsync.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack as production runs a service: the packaged jar in its own JVM, full JIT, no quick-start flags. Its
 * data goes to a directory of its own, never the developer's ./data.
 */
final class LocalStackProcess implements AutoCloseable {

  static final Path JAR = Path.of("local-stack/target/local-stack-0.1.0-SNAPSHOT.jar");

  private final Process process;
  private final Path log;
  private final Map<String, Integer> ports;

  /** Each service's HTTP port in the local stack. */
  static final Map<String, Integer> PORTS = Map.of("connection", 8081, "sync", 8082, "history", 8083, "automation", 8084, "contacts", 8085);

  private LocalStackProcess(Process process, Path log, Map<String, Integer> ports) {
    this.process = process;
    this.log = log;
    this.ports = ports;
  }

  /** Only these services ({@code EMAILSYNC_SERVICES}), e.g. connection-service and the sync worker without the rest. */
  static LocalStackProcess startOnly(Path dataDirectory, List<String> properties, String... services) throws IOException {
    return start(dataDirectory, properties, Map.of("EMAILSYNC_SERVICES", String.join(",", services)));
  }

  /** @param properties {@code -D} settings for every service, e.g. the worker's poll interval */
  static LocalStackProcess start(Path dataDirectory, List<String> properties) throws IOException {
    return start(dataDirectory, properties, Map.of());
  }

  /** @param environment e.g. {@code MONGODB_URI}, to use a store of the benchmark's own */
  static LocalStackProcess start(Path dataDirectory, List<String> properties, Map<String, String> environment) throws IOException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run ./mvnw -B install -DskipTests first");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx4g");
    // For profiling a run, e.g. -Dbench.stack-jvm-options="-XX:StartFlightRecording=filename=/tmp/stack.jfr"
    String jvmOptions = System.getProperty("bench.stack-jvm-options", "");
    if (!jvmOptions.isBlank()) {
      command.addAll(List.of(jvmOptions.strip().split("\\s+")));
    }
    properties.forEach(p -> command.add("-D" + p));
    command.addAll(List.of("-jar", JAR.toString()));
    Path log = Files.createTempFile("emailsync-bench-stack-", ".log");
    var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("EMAILSYNC_DATA_DIR", dataDirectory.toString());
    builder.environment().putAll(environment);
    Map<String, Integer> ports = new java.util.TreeMap<>(PORTS);
    String only = environment.get("EMAILSYNC_SERVICES");
    if (only != null) {
      ports.keySet().retainAll(List.of(only.split(",")));
    }
    var stack = new LocalStackProcess(builder.start(), log, ports);
    stack.awaitUp();
    return stack;
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  /** Where the local stack's dev token issuer listens. */
  static final String ISSUER = "http://127.0.0.1:8090";

  /**
   * A bearer token of an admin of the tenant, from the local stack's dev issuer, as the CRM's identity provider would
   * hand one out.
   */
  static String token(String tenantId) {
    try {
      var response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(ISSUER + "/token"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("tenant_id=" + tenantId + "&sub=benchmark&roles=emailsync-admin"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("The local stack's issuer refused a token: " + response.statusCode() + " " + response.body());
      }
      return response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitUp() {
    var http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    for (int port : ports.values()) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the local stack stopped while starting; see " + log);
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("the local stack did not start within 3 minutes; see " + log);
        }
        try {
          // Readiness, on the actuator's own port (the service's + 1000), not health: mongo-java-server does not answer
          // the driver's health command. The contact import has no actuator: any answer on its port means it listens.
          boolean contactImport = port == 8085;
          var status = http.send(HttpRequest.newBuilder(URI.create(contactImport
              ? "http://127.0.0.1:" + port + "/"
              : "http://127.0.0.1:" + (port + 1000) + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
          if (status == 200 || contactImport) {
            break;
          }
        } catch (IOException e) {
          // Not listening yet.
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        pause();
      }
    }
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static void delete(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
