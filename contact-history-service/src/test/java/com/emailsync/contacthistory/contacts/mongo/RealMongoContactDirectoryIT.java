package com.emailsync.contacthistory.contacts.mongo;

import com.emailsync.contacthistory.RealMongo;
import com.emailsync.contacthistory.contacts.ContactDirectory;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract on a real MongoDB server; skipped where no Docker engine runs (see {@link RealMongo}). */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoContactDirectoryIT implements ContactDirectoryContract {

  @Override
  public ContactDirectory directory() {
    return new MongoContactDirectory(RealMongo.freshDatabase());
  }
}
