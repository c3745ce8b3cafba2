package com.emailsync.contacthistory.catchup.mongo;

import com.emailsync.contacthistory.RealMongo;
import com.emailsync.contacthistory.catchup.MailIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract on a real MongoDB server (TTL and multikey indexes for real); skipped without Docker, see RealMongo. */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoMailIndexIT implements MailIndexContract {

  @Override
  public MailIndex index() {
    return new MongoMailIndex(RealMongo.freshDatabase(), Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
  }
}
