package com.emailsync.localstack;

import com.emailsync.localstack.demo.Demo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the local stack runs: what it embeds, where it keeps its data, which ports it takes.
 *
 * @param externalKafka bootstrap servers of a Kafka to use instead of the embedded broker
 * @param externalMongo URI of a MongoDB to use instead of the embedded store
 * @param demo the demo mailbox and its mail, or null without {@code --demo}
 * @param extra more properties for every service
 * @param services the services to run ({@code EMAILSYNC_SERVICES}, comma-separated; all when unset)
 */
public record LocalStackOptions(
    Path dataDirectory,
    @Nullable String externalKafka,
    @Nullable String externalMongo,
    int kafkaPort,
    int kafkaControllerPort,
    int mongoPort,
    LocalStack.Ports ports,
    Demo.@Nullable Settings demo,
    Map<String, String> extra,
    java.util.Set<LocalStack.Service> services) {

  public LocalStackOptions(
      Path dataDirectory,
      @Nullable String externalKafka,
      @Nullable String externalMongo,
      int kafkaPort,
      int kafkaControllerPort,
      int mongoPort,
      LocalStack.Ports ports,
      Demo.@Nullable Settings demo,
      Map<String, String> extra) {
    this(dataDirectory, externalKafka, externalMongo, kafkaPort, kafkaControllerPort, mongoPort, ports, demo, extra, java.util.Set.of());
  }

  /** The demo wants to be watched: the worker polls every few seconds instead of every minute. */
  static final Map<String, String> DEMO_SERVICE_PROPERTIES = Map.of("emailsync.sync.poll-interval", "2s");

  /**
   * @param args {@code --demo} adds the demo mailbox
   * @param env {@code KAFKA_BOOTSTRAP_SERVERS}, {@code MONGODB_URI} switch to external parts; {@code EMAILSYNC_DATA_DIR}
   *     moves ./data
   */
  public static LocalStackOptions from(String[] args, Map<String, String> env) {
    boolean demo = Arrays.asList(args).contains("--demo");
    return new LocalStackOptions(
        Path.of(env.getOrDefault("EMAILSYNC_DATA_DIR", "data")),
        blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
        blankToNull(env.get("MONGODB_URI")),
        9092,
        9093,
        27017,
        LocalStack.Ports.DEFAULT,
        demo ? Demo.Settings.DEFAULT : null,
        demo ? DEMO_SERVICE_PROPERTIES : Map.of(),
        LocalStack.Service.parse(env.get("EMAILSYNC_SERVICES")));
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
