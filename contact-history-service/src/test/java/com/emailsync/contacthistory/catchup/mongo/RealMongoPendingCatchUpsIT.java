package com.emailsync.contacthistory.catchup.mongo;

import com.emailsync.contacthistory.RealMongo;
import com.emailsync.contacthistory.catchup.PendingCatchUps;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract on a real MongoDB server (sorted findOneAndUpdate for real); skipped without Docker, see RealMongo. */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoPendingCatchUpsIT implements PendingCatchUpsContract {

  @Override
  public PendingCatchUps pending() {
    return new MongoPendingCatchUps(RealMongo.freshDatabase());
  }
}
