package com.emailsync.connection.mailbox.mongo;

import com.emailsync.connection.mailbox.ConnectionRepository;
import com.emailsync.testsupport.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerConnectionRepositoryTest implements ConnectionRepositoryContract {

  private static final EmbeddedMongo MONGO = EmbeddedMongo.start();
  private static final MongoClient CLIENT = MongoClients.create(MONGO.uri());

  @AfterAll
  static void stop() {
    CLIENT.close();
    MONGO.close();
  }

  @Override
  public ConnectionRepository repository() {
    return new MongoConnectionRepository(CLIENT.getDatabase("contract"));
  }
}
