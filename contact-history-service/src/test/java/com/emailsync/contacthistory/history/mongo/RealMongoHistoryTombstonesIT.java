package com.emailsync.contacthistory.history.mongo;

import com.emailsync.contacthistory.RealMongo;
import com.emailsync.contacthistory.history.HistoryTombstones;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract on a real MongoDB server; skipped without Docker, see RealMongo. */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoHistoryTombstonesIT implements HistoryTombstonesContract {

  @Override
  public HistoryTombstones tombstones() {
    return new MongoHistoryTombstones(RealMongo.freshDatabase());
  }
}
