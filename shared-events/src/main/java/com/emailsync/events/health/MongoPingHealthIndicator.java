package com.emailsync.events.health;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * MongoDB answers a {@code ping}. Boot's own check asks {@code hello}, which MongoDB answers but a wire-protocol store
 * such as mongo-java-server (the local stack's and the tests') does not, so their services would never be ready; a
 * ping is what every MongoDB-speaking server answers, and all a readiness probe needs to know.
 */
final class MongoPingHealthIndicator extends AbstractHealthIndicator {

  private static final Document PING = new Document("ping", 1);
  static final Duration TIMEOUT = KafkaClusterHealthIndicator.TIMEOUT;

  private final MongoClient mongo;

  MongoPingHealthIndicator(MongoClient mongo) {
    super("MongoDB did not answer a ping");
    this.mongo = mongo;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    // Bounded, server selection included (the driver's client-side operation timeout): without it a MongoDB that is
    // away holds the probe for the 30-s server selection.
    mongo.getDatabase("admin").withTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).runCommand(PING);
    builder.up();
  }
}
