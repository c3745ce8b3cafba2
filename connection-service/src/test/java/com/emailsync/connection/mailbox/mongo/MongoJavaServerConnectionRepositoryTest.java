package com.emailsync.connection.mailbox.mongo;

import com.emailsync.connection.mailbox.ConnectionRepository;
import com.emailsync.testsupport.TestDatabases;
import com.mongodb.client.MongoDatabase;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerConnectionRepositoryTest implements ConnectionRepositoryContract {

  /** One database for the class, as before: the contract asks for its repository more than once per test. */
  private static final MongoDatabase DATABASE = TestDatabases.fresh();

  @Override
  public ConnectionRepository repository() {
    return new MongoConnectionRepository(DATABASE);
  }
}
