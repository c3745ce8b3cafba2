package com.emailsync.contacthistory.history.mongo;

import com.emailsync.contacthistory.history.HistoryRepository;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same contract on a real MongoDB server. Needs a Docker engine: where none runs (as on the build machine), JUnit
 * reports it skipped with "disabledWithoutDocker"; the mongo-java-server twin covers the behaviour there.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoHistoryRepositoryIT implements HistoryRepositoryContract {

  @Container static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

  private static MongoClient client;

  @BeforeAll
  static void connect() {
    client = MongoClients.create(MONGO.getConnectionString());
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.close();
    }
  }

  @Override
  public HistoryRepository repository() {
    return new MongoHistoryRepository(client.getDatabase("contract-" + UUID.randomUUID()));
  }
}
