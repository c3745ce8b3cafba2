package com.emailsync.connection.mailbox.mongo;

import com.emailsync.connection.mailbox.ConnectionRepository;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
class RealMongoConnectionRepositoryIT implements ConnectionRepositoryContract {

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
  public ConnectionRepository repository() {
    return new MongoConnectionRepository(client.getDatabase("contract"));
  }
}
