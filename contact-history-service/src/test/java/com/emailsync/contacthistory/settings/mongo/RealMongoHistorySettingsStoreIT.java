package com.emailsync.contacthistory.settings.mongo;

import com.emailsync.contacthistory.RealMongo;
import com.emailsync.contacthistory.settings.HistorySettingsStore;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract on a real MongoDB server; skipped without Docker, see RealMongo. */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoHistorySettingsStoreIT implements HistorySettingsStoreContract {

  @Override
  public HistorySettingsStore store() {
    return new MongoHistorySettingsStore(RealMongo.freshDatabase());
  }
}
