package com.emailsync.contacthistory.history.mongo;

import com.emailsync.contacthistory.RealMongo;
import com.emailsync.contacthistory.history.ErasureAnnouncements;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract on a real MongoDB server; skipped without Docker, see RealMongo. */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoErasureAnnouncementsIT implements ErasureAnnouncementsContract {

  @Override
  public ErasureAnnouncements announcements() {
    return new MongoErasureAnnouncements(RealMongo.freshDatabase());
  }
}
