package com.emailsync.contacthistory.history.mongo;

import com.emailsync.contacthistory.history.ErasureAnnouncements;
import com.emailsync.testsupport.TestDatabases;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerErasureAnnouncementsTest implements ErasureAnnouncementsContract {

  @Override
  public ErasureAnnouncements announcements() {
    return new MongoErasureAnnouncements(TestDatabases.fresh());
  }
}
