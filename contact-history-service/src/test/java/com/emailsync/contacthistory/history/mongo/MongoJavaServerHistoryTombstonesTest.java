package com.emailsync.contacthistory.history.mongo;

import com.emailsync.contacthistory.history.HistoryTombstones;
import com.emailsync.testsupport.TestDatabases;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerHistoryTombstonesTest implements HistoryTombstonesContract {

  @Override
  public HistoryTombstones tombstones() {
    return new MongoHistoryTombstones(TestDatabases.fresh());
  }
}
