package com.emailsync.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.UUID;

/**
 * One MongoDB wire-protocol server for the plain tests of a JVM, and a fresh, empty database for each test that asks:
 * tests stay apart without each class starting and stopping a server of its own. The server ends with the JVM.
 */
public final class TestDatabases {

  private static final EmbeddedMongo SERVER = EmbeddedMongo.start();
  private static final MongoClient CLIENT = MongoClients.create(SERVER.uri());

  private TestDatabases() {}

  public static MongoDatabase fresh() {
    return CLIENT.getDatabase("test-" + UUID.randomUUID());
  }
}
