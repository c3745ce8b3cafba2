package com.emailsync.localstack.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run from Kafka's own server
 * classes with its log under a directory of ours, so topics, offsets and transactions survive a restart of the local
 * stack just as they would on a real cluster.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private LocalKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * @param logDirectory formatted on first use, reused afterwards
   * @param port where clients connect
   * @param controllerPort where the KRaft controller listens (loopback only, like the client port)
   */
  public static LocalKafkaBroker start(Path logDirectory, int port, int controllerPort) {
    String logDir = logDirectory.toAbsolutePath().toString();
    formatOnFirstUse(logDir);
    var server = new KafkaRaftServer(new KafkaConfig(config(logDir, port, controllerPort), false), Time.SYSTEM);
    server.startup();
    return new LocalKafkaBroker(server, "127.0.0.1:" + port);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  private static Properties config(String logDir, int port, int controllerPort) {
    var config = new Properties();
    config.put("process.roles", "broker,controller");
    config.put("node.id", String.valueOf(NODE_ID));
    config.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    config.put("controller.listener.names", CONTROLLER_LISTENER);
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    config.put("log.dirs", logDir);
    // One node: internal topics cannot have more replicas than that.
    config.put("offsets.topic.replication.factor", "1");
    config.put("transaction.state.log.replication.factor", "1");
    config.put("transaction.state.log.min.isr", "1");
    config.put("share.coordinator.state.topic.replication.factor", "1");
    config.put("share.coordinator.state.topic.min.isr", "1");
    // Consumers in a one-node stack need not wait for more members to join before their first assignment.
    config.put("group.initial.rebalance.delay.ms", "0");
    return config;
  }

  /** What {@code kafka-storage.sh format} does, once; a formatted directory keeps its cluster id. */
  private static void formatOnFirstUse(String logDir) {
    if (Files.exists(Path.of(logDir, "meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(Path.of(logDir));
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(NODE_ID)
          .setDirectories(List.of(logDir))
          .setMetadataLogDirectory(logDir)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("Could not format the Kafka log directory " + logDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
