package com.emailsync.localstack;

import com.emailsync.devissuer.LoopbackIssuer;
import com.emailsync.devissuer.OwnerOnly;
import com.emailsync.localstack.kafka.LocalKafkaBroker;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * What the services need around them: Kafka, MongoDB, the two encryption keys and an identity provider. Each part is embedded and kept under
 * the data directory unless the options name an external one.
 */
final class LocalInfrastructure implements AutoCloseable {

  private final @Nullable LocalKafkaBroker broker;
  private final @Nullable MongoServer mongo;
  private final String kafkaBootstrapServers;
  private final String mongoUri;
  private final Properties keys;
  private final LoopbackIssuer issuer;

  private LocalInfrastructure(
      @Nullable LocalKafkaBroker broker, @Nullable MongoServer mongo, String kafkaBootstrapServers, String mongoUri, Properties keys, LoopbackIssuer issuer) {
    this.broker = broker;
    this.mongo = mongo;
    this.kafkaBootstrapServers = kafkaBootstrapServers;
    this.mongoUri = mongoUri;
    this.keys = keys;
    this.issuer = issuer;
  }

  static LocalInfrastructure start(LocalStackOptions options) {
    Path data = options.dataDirectory();
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Every port is checked before anything starts, so a conflict leaves nothing half started.
    if (options.externalKafka() == null) {
      requireFree(options.kafkaPort(), "Kafka", "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + options.kafkaPort());
      requireFree(options.kafkaControllerPort(), "Kafka's controller", "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + options.kafkaPort());
    }
    if (options.externalMongo() == null) {
      requireFree(options.mongoPort(), "MongoDB", "MONGODB_URI=mongodb://127.0.0.1:" + options.mongoPort());
    }
    requireFree(options.ports().issuer(), "its dev token issuer", "nothing else on that port");
    Properties keys = localKeys(data.resolve("local-keys.properties"));
    LocalKafkaBroker broker = null;
    String kafka = options.externalKafka();
    if (kafka == null) {
      broker = LocalKafkaBroker.start(data.resolve("kafka"), options.kafkaPort(), options.kafkaControllerPort());
      kafka = broker.bootstrapServers();
    }
    MongoServer mongo = null;
    String mongoUri = options.externalMongo();
    if (mongoUri == null) {
      try {
        mongo = new MongoServer(new H2Backend(data.resolve("mongo.mv.db").toString()));
        mongo.bind("127.0.0.1", options.mongoPort());
      } catch (RuntimeException e) {
        if (broker != null) {
          broker.close();
        }
        throw e;
      }
      mongoUri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
    }
    // Its key is kept with the data, so a token handed out stays good across restarts (for 12 hours).
    LoopbackIssuer issuer;
    try {
      issuer = LoopbackIssuer.start(options.ports().issuer(), data.resolve("dev-issuer-key.json"));
    } catch (RuntimeException e) {
      if (mongo != null) {
        mongo.shutdown();
      }
      if (broker != null) {
        broker.close();
      }
      throw e;
    }
    return new LocalInfrastructure(broker, mongo, kafka, mongoUri, keys, issuer);
  }

  /**
   * Fails with what to do rather than with a bind error deep in Kafka's or MongoDB's start-up. Port 0 (any free port)
   * is always free.
   */
  private static void requireFree(int port, String what, String useItInstead) {
    if (port == 0) {
      return;
    }
    try (var socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "Port %d, where the local stack runs %s, is already in use. Stop what uses it, or start with %s to use the server already there."
              .formatted(port, what, useItInstead));
    }
  }

  String kafkaBootstrapServers() {
    return kafkaBootstrapServers;
  }

  String mongoUri() {
    return mongoUri;
  }

  /** The dev identity provider on loopback whose tokens the services accept. */
  LoopbackIssuer issuer() {
    return issuer;
  }

  String atRestKey() {
    return keys.getProperty("at-rest-key");
  }

  String transportKey() {
    return keys.getProperty("transport-key");
  }

  /**
   * Keys for this machine only, made once and kept with the data, so stored passwords stay readable across restarts;
   * readable by their owner only. In production both keys come from a Kubernetes secret.
   */
  static Properties localKeys(Path file) {
    var keys = new Properties();
    try {
      if (Files.exists(file)) {
        OwnerOnly.restrict(file);
        try (Reader in = Files.newBufferedReader(file)) {
          keys.load(in);
        }
        return keys;
      }
      keys.setProperty("at-rest-key", randomKey());
      keys.setProperty("transport-key", randomKey());
      OwnerOnly.create(file);
      try (Writer out = Files.newBufferedWriter(file)) {
        keys.store(out, "Local development keys; never use outside this machine");
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  @Override
  public void close() {
    issuer.close();
    if (mongo != null) {
      mongo.shutdown();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
