package com.emailsync.contacthistory.catchup.mongo;

import com.emailsync.contacthistory.catchup.MailIndex;
import com.emailsync.testsupport.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerMailIndexTest implements MailIndexContract {

  private static final EmbeddedMongo MONGO = EmbeddedMongo.start();
  private static final MongoClient CLIENT = MongoClients.create(MONGO.uri());

  @AfterAll
  static void stop() {
    CLIENT.close();
    MONGO.close();
  }

  @Override
  public MailIndex index() {
    return new MongoMailIndex(CLIENT.getDatabase("contract-" + UUID.randomUUID()), Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
  }
}
