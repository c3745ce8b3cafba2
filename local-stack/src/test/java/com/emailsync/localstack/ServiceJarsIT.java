package com.emailsync.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.emailsync.localstack.kafka.LocalKafkaBroker;
import com.emailsync.testsupport.EmbeddedMongo;
import com.emailsync.testsupport.FreePorts;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each service runs on its own, as an operator runs it: its executable jar ({@code <service>-exec.jar}, built by
 * {@code package}) in a JVM of its own, configured by arguments as a container's environment would, up until its
 * readiness probe answers UP on its management port; then its whole health is UP too, with a check of each thing it
 * depends on (Kafka; MongoDB; the worker's IMAP side); and every line it logged is JSON naming it.
 */
class ServiceJarsIT {

  @TempDir Path kafkaData;
  @TempDir Path logs;

  @Test
  void everyServiceStartsFromItsExecutableJarAndReportsReady() throws Exception {
    try (var kafka = LocalKafkaBroker.start(kafkaData, FreePorts.next(), FreePorts.next());
        var mongo = EmbeddedMongo.start()) {
      List<String> common = List.of(
          "--server.address=127.0.0.1",
          "--server.port=0",
          "--management.server.address=127.0.0.1",
          "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
          "--spring.mongodb.uri=" + mongo.uri(),
          "--emailsync.auth.issuer=" + TestIssuer.issuer().issuer(),
          "--emailsync.auth.jwks-uri=" + TestIssuer.issuer().jwksUri(),
          "--emailsync.secrets.at-rest-key=" + TestKeys.AT_REST,
          "--emailsync.secrets.transport-key=" + TestKeys.TRANSPORT);
      Map<String, Integer> managementPorts = new LinkedHashMap<>();
      List<Process> services = new ArrayList<>();
      try {
        for (String service : List.of("connection-service", "sync-worker", "contact-history-service", "automation-trigger-service")) {
          Path jar = Path.of("..", service, "target", service + "-0.1.0-SNAPSHOT-exec.jar").toAbsolutePath().normalize();
          assertThat(jar).as("built by package before the integration tests").exists();
          int managementPort = FreePorts.next();
          managementPorts.put(service, managementPort);
          List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-jar", jar.toString(), "--management.server.port=" + managementPort));
          command.addAll(common);
          // The log stream is standard output; the JVM's own warnings go to standard error.
          services.add(new ProcessBuilder(command).redirectError(logs.resolve(service + ".err").toFile()).redirectOutput(logs.resolve(service + ".log").toFile()).start());
        }
        var http = HttpClient.newHttpClient();
        for (var service : managementPorts.entrySet()) {
          var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.getValue() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build();
          await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            var answer = http.send(health, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(service.getKey() + " answered " + answer.body() + "; its log: " + problems(logs.resolve(service.getKey() + ".log")))
                .isEqualTo(200);
            assertThat(answer.body()).contains("\"status\":\"UP\"");
          });
          var whole = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.getValue() + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(whole.statusCode()).as(service.getKey() + ": " + whole.body()).isEqualTo(200);
          assertThat(whole.body()).contains("\"kafka\":{\"status\":\"UP\"}");
          assertThat(whole.body()).contains(service.getKey().equals("sync-worker") ? "\"imap\":{\"status\":\"UP\"}" : "\"mongo\":{\"status\":\"UP\"}");
        }
        for (String service : managementPorts.keySet()) {
          List<String> lines = Files.readAllLines(logs.resolve(service + ".log")).stream().filter(line -> !line.isBlank()).toList();
          assertThat(lines).as(service + " logged its start").isNotEmpty();
          // Every line is one JSON object naming its service, as a log store indexes it; a stack trace is inside it.
          assertThat(lines).allSatisfy(line ->
              assertThat(tools.jackson.databind.json.JsonMapper.shared().readTree(line).path("service").path("name").asString()).as(line).isEqualTo(service));
        }
      } finally {
        services.forEach(Process::destroy);
        for (Process service : services) {
          if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            service.destroyForcibly();
          }
        }
      }
    }
  }

  /** The JVM running this test: the project's JDK, whatever {@code java} is on the PATH. */
  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** The warnings and errors of a service's log, for the failure message. */
  private static String problems(Path log) throws java.io.IOException {
    List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
    return String.join("\n", lines.stream().filter(line -> line.contains("\"WARN\"") || line.contains("\"ERROR\"")).limit(15).toList());
  }
}
