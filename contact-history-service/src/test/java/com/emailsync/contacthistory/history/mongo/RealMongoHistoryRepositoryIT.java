package com.emailsync.contacthistory.history.mongo;

import com.emailsync.contacthistory.RealMongo;
import com.emailsync.contacthistory.history.HistoryRepository;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract on a real MongoDB server; skipped where no Docker engine runs (see {@link RealMongo}). */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoHistoryRepositoryIT implements HistoryRepositoryContract {

  @Override
  public HistoryRepository repository() {
    return new MongoHistoryRepository(RealMongo.freshDatabase());
  }
}
