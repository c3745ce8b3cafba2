package com.emailsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.emailsync.events.Topics;
import com.emailsync.events.probe.HealthProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docker-compose.yml} as docker-compose itself resolves it ({@code docker-compose config}, which needs no Docker
 * engine), read against the services' own configuration and the event contract: each service waits for what it
 * needs, checks its readiness with the probe its image carries, runs as no root, and the topic init makes every topic.
 * Without docker-compose the test fails rather than skips: {@code .ci/install-test-deps} installs it.
 */
class ComposeFileTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Pattern CREATE_TOPIC = Pattern.compile("^\\s*create (\\S+)(.*)$", Pattern.MULTILINE);

  private static JsonNode services;

  static List<String> services() {
    return List.of("connection-service", "sync-worker", "contact-history-service", "automation-trigger-service");
  }

  @BeforeAll
  static void resolve() {
    services = config().path("services");
  }

  @Test
  void resolvesWithTheDemoProfileToo() {
    JsonNode dovecot = config("--profile", "demo").path("services").path("dovecot");

    assertThat(dovecot.path("profiles").valueStream().map(JsonNode::asString)).containsExactly("demo");
    assertThat(dovecot.path("healthcheck").path("test").isEmpty()).as("dovecot's health check").isFalse();
    assertThat(dovecot.path("volumes").valueStream().map(ComposeFileTest::bindSource).filter(path -> !path.isEmpty()))
        .as("the files it mounts from compose/dovecot")
        .isNotEmpty()
        .allSatisfy(source -> assertThat(ROOT.resolve(source)).exists());
  }

  @ParameterizedTest
  @MethodSource("services")
  void eachServiceChecksItsReadinessWithTheProbeOnItsManagementPort(String service) throws IOException {
    List<String> test = strings(services.path(service).path("healthcheck").path("test"));

    assertThat(test).startsWith("CMD", "java");
    assertThat(test).endsWith(
        "-cp", "@/app/jib-classpath-file", HealthProbe.class.getName(),
        "http://127.0.0.1:" + managementPort(service) + "/actuator/health/readiness");
  }

  @ParameterizedTest
  @MethodSource("services")
  void eachServiceStartsOnceKafkaItsMongoDbAndTheTopicsAreReady(String service) throws IOException {
    JsonNode dependsOn = services.path(service).path("depends_on");

    assertThat(dependsOn.path("kafka").path("condition").asString()).isEqualTo("service_healthy");
    assertThat(dependsOn.path("topics").path("condition").asString()).isEqualTo("service_completed_successfully");
    if (usesMongoDb(service)) {
      assertThat(dependsOn.path("mongo").path("condition").asString()).isEqualTo("service_healthy");
      assertThat(environment(service)).containsEntry("MONGODB_URI", "mongodb://mongo:27017/?replicaSet=rs0");
    }
    assertThat(environment(service))
        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
        .containsEntry("EMAILSYNC_KAFKA_CREATE_TOPICS", "none");
  }

  @Test
  void kafkaAndMongoDbReportTheirHealthForTheOthersToWaitOn() {
    assertThat(strings(services.path("kafka").path("healthcheck").path("test")))
        .startsWith("CMD", "/opt/kafka/bin/kafka-broker-api-versions.sh");
    assertThat(strings(services.path("mongo").path("healthcheck").path("test"))).startsWith("CMD", "mongosh");
    assertThat(services.path("kafka").path("environment").path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asString())
        .as("only the topic init makes topics")
        .isEqualTo("false");
    String logDirs = services.path("kafka").path("environment").path("KAFKA_LOG_DIRS").asString();
    assertThat(strings(services.path("kafka").path("volumes")))
        .as("Kafka's log on a volume, so topics, cursors and offsets outlive the container")
        .anySatisfy(volume -> assertThat(volume).matches(".+:" + Pattern.quote(logDirs) + "(:rw)?"));
  }

  @ParameterizedTest
  @MethodSource("services")
  void eachServiceRunsItsJibImageAsAUserThatIsNotRoot(String service) throws IOException {
    JsonNode definition = services.path(service);
    String uid = definition.path("user").asString().split(":")[0];

    assertThat(uid).as(service + "'s user").isNotBlank().isNotEqualTo("0").isNotEqualTo("root");
    assertThat(definition.path("image").asString()).isEqualTo("emailsync/" + service + ":" + projectVersion());
  }

  @ParameterizedTest
  @MethodSource("services")
  void eachServiceIsToldItsIdentityProvider(String service) {
    assertThat(environment(service))
        .hasEntrySatisfying("EMAILSYNC_AUTH_ISSUER", value -> assertThat(value).isNotBlank())
        .hasEntrySatisfying("EMAILSYNC_AUTH_JWKS_URI", value -> assertThat(value).isNotBlank());
  }

  @Test
  void theServicesGetTheKeysTheyNeedOneTransportKeyringAndAnAtRestKeyEach() {
    Map<String, String> connection = environment("connection-service");
    Map<String, String> automation = environment("automation-trigger-service");

    assertThat(environment("sync-worker").get("EMAILSYNC_SECRETS_TRANSPORT_KEY"))
        .isNotBlank()
        .isEqualTo(connection.get("EMAILSYNC_SECRETS_TRANSPORT_KEY"));
    assertThat(connection.get("EMAILSYNC_SECRETS_AT_REST_KEY"))
        .isNotBlank()
        .isNotEqualTo(automation.get("EMAILSYNC_SECRETS_AT_REST_KEY"));
    assertThat(automation.get("EMAILSYNC_SECRETS_AT_REST_KEY")).isNotBlank();
    assertThat(environment("contact-history-service"))
        .doesNotContainKeys("EMAILSYNC_SECRETS_AT_REST_KEY", "EMAILSYNC_SECRETS_TRANSPORT_KEY");
  }

  @Test
  void everyKeyInTheRepositoryIsADevOnlyPlaceholder() {
    List<String> keyrings = new ArrayList<>();
    services.forEachEntry((name, service) -> service.path("environment").forEachEntry((variable, value) -> {
      if (variable.startsWith("EMAILSYNC_SECRETS_")) {
        keyrings.add(value.asString());
      }
    }));

    assertThat(keyrings).isNotEmpty();
    assertThat(keyrings.stream().flatMap(keyring -> Arrays.stream(keyring.split(","))).map(ComposeFileTest::keyText))
        .as("a key anyone can read here says so")
        .allSatisfy(key -> assertThat(key).startsWith("dev only"));
  }

  @Test
  void theTopicInitCreatesEveryTopicOfTheContractAndTheDeadLetterTopicsSomethingWritesInto() {
    JsonNode topics = services.path("topics");
    Map<String, String> created = new LinkedHashMap<>();
    Matcher create = CREATE_TOPIC.matcher(String.join("\n", strings(topics.path("command"))));
    while (create.find()) {
      assertThat(created.put(create.group(1), create.group(2))).as(create.group(1) + " created twice").isNull();
    }

    assertThat(topics.path("depends_on").path("kafka").path("condition").asString()).isEqualTo("service_healthy");
    assertThat(created.keySet()).containsExactlyInAnyOrderElementsOf(Stream.concat(Topics.ALL.stream(), Topics.DEAD_LETTERS.stream()).toList());
    Topics.ALL.forEach(topic -> {
      if (Topics.COMPACTED.contains(topic)) {
        assertThat(created.get(topic)).as(topic).contains("--config cleanup.policy=compact");
      } else {
        assertThat(created.get(topic)).as(topic).doesNotContain("cleanup.policy");
      }
    });
    Topics.DEAD_LETTERS.forEach(deadLetter -> assertThat(created.get(deadLetter)).as(deadLetter)
        .contains("--config retention.ms=" + Topics.DEAD_LETTER_RETENTION.toMillis())
        .doesNotContain("cleanup.policy"));
  }

  /** A keyring entry ({@code id:base64} or {@code base64}) decoded. */
  private static String keyText(String entry) {
    byte[] key = Base64.getDecoder().decode(entry.substring(entry.indexOf(':') + 1).strip());
    return new String(key, StandardCharsets.UTF_8);
  }

  /** The services that read {@code MONGODB_URI} in their own configuration (sync-worker keeps its state in Kafka). */
  private static boolean usesMongoDb(String service) throws IOException {
    return Files.readString(serviceConfiguration(service)).contains("${MONGODB_URI");
  }

  /** The actuator's port, as the service's own configuration defaults it: {@code ${MANAGEMENT_PORT:9081}}. */
  private static int managementPort(String service) throws IOException {
    String port = YAML.readTree(Files.readString(serviceConfiguration(service)))
        .path("management").path("server").path("port").asString();
    Matcher defaulted = Pattern.compile("\\$\\{MANAGEMENT_PORT:(\\d+)}").matcher(port);
    assertThat(defaulted.matches()).as(service + "'s management.server.port: " + port).isTrue();
    return Integer.parseInt(defaulted.group(1));
  }

  private static Path serviceConfiguration(String service) {
    return ROOT.resolve(service).resolve("src/main/resources").resolve(service + ".yml");
  }

  /** The version the build gives the images, the root pom's. */
  static String projectVersion() throws IOException {
    Matcher version = Pattern.compile("<artifactId>email-sync</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(ROOT.resolve("pom.xml")));
    assertThat(version.find()).as("the root pom's version").isTrue();
    return version.group(1);
  }

  private static Map<String, String> environment(String service) {
    Map<String, String> environment = new LinkedHashMap<>();
    services.path(service).path("environment").forEachEntry((name, value) -> environment.put(name, value.asString()));
    return environment;
  }

  private static List<String> strings(JsonNode node) {
    return node.isArray() ? node.valueStream().map(JsonNode::asString).toList() : List.of(node.asString());
  }

  /** A bind mount's source ({@code ./compose/dovecot/users:/etc/dovecot/users:ro}, or long form); "" for a volume. */
  private static String bindSource(JsonNode volume) {
    String source = volume.isObject() ? volume.path("source").asString() : volume.asString().split(":")[0];
    return source.startsWith("/") || source.startsWith(".") ? source : "";
  }

  /**
   * {@code docker-compose config}: the file validated, variables and {@code env_file}s resolved, in the environment of
   * a fresh shell (none of our variables, which would override the file's defaults).
   */
  private static JsonNode config(String... options) {
    var command = new ArrayList<>(List.of("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString()));
    command.addAll(List.of(options));
    command.add("config");
    try {
      Path errors = Files.createTempFile("docker-compose", ".err");
      var builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectError(errors.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("EMAILSYNC_") || name.startsWith("COMPOSE_"));
      Process process = builder.start();
      byte[] resolved = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
      assertThat(process.exitValue()).as(String.join(" ", command) + " said: " + Files.readString(errors)).isZero();
      Files.delete(errors);
      return YAML.readTree(resolved);
    } catch (IOException e) {
      return fail("docker-compose could not run (.ci/install-test-deps installs Debian's): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted", e);
    }
  }
}
