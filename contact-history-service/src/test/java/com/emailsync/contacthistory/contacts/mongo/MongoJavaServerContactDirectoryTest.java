package com.emailsync.contacthistory.contacts.mongo;

import com.emailsync.contacthistory.contacts.ContactDirectory;
import com.emailsync.testsupport.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerContactDirectoryTest implements ContactDirectoryContract {

  private static final EmbeddedMongo MONGO = EmbeddedMongo.start();
  private static final MongoClient CLIENT = MongoClients.create(MONGO.uri());

  @AfterAll
  static void stop() {
    CLIENT.close();
    MONGO.close();
  }

  @Override
  public ContactDirectory directory() {
    return new MongoContactDirectory(CLIENT.getDatabase("contract-" + UUID.randomUUID()));
  }
}
