package com.emailsync.contacthistory.catchup.mongo;

import com.emailsync.contacthistory.catchup.MailIndex;
import com.emailsync.testsupport.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerMailIndexTest implements MailIndexContract {

  @Override
  public MailIndex index() {
    return new MongoMailIndex(TestDatabases.fresh(), Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
  }
}
