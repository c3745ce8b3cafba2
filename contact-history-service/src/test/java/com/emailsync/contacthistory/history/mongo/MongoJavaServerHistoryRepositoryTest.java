package com.emailsync.contacthistory.history.mongo;

import com.emailsync.contacthistory.history.HistoryRepository;
import com.emailsync.testsupport.TestDatabases;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerHistoryRepositoryTest implements HistoryRepositoryContract {

  @Override
  public HistoryRepository repository() {
    return new MongoHistoryRepository(TestDatabases.fresh());
  }
}
