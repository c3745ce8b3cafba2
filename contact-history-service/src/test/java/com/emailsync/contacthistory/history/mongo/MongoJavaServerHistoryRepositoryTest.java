package com.emailsync.contacthistory.history.mongo;

import com.emailsync.contacthistory.history.HistoryRepository;
import com.emailsync.testsupport.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerHistoryRepositoryTest implements HistoryRepositoryContract {

  private static final EmbeddedMongo MONGO = EmbeddedMongo.start();
  private static final MongoClient CLIENT = MongoClients.create(MONGO.uri());

  @AfterAll
  static void stop() {
    CLIENT.close();
    MONGO.close();
  }

  @Override
  public HistoryRepository repository() {
    return new MongoHistoryRepository(CLIENT.getDatabase("contract-" + UUID.randomUUID()));
  }
}
