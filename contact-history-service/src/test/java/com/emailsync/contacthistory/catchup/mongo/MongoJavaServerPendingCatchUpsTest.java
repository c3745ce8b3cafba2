package com.emailsync.contacthistory.catchup.mongo;

import com.emailsync.contacthistory.catchup.PendingCatchUps;
import com.emailsync.testsupport.TestDatabases;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerPendingCatchUpsTest implements PendingCatchUpsContract {

  @Override
  public PendingCatchUps pending() {
    return new MongoPendingCatchUps(TestDatabases.fresh());
  }
}
