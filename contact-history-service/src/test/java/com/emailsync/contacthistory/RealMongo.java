package com.emailsync.contacthistory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.UUID;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * A real MongoDB server (the {@code mongo} image, via Testcontainers) for the repository contracts' twins, started once
 * for the JVM when the first of them runs. Those classes carry {@code @Testcontainers(disabledWithoutDocker = true)}:
 * where no Docker engine runs (as on the build machine) JUnit reports them skipped, and the mongo-java-server twins
 * cover the same contracts there.
 */
public final class RealMongo {

  private static MongoClient client;

  private RealMongo() {}

  public static synchronized MongoDatabase freshDatabase() {
    if (client == null) {
      var container = new MongoDBContainer("mongo:8.0");
      container.start();
      client = MongoClients.create(container.getConnectionString());
    }
    return client.getDatabase("contract-" + UUID.randomUUID());
  }
}
