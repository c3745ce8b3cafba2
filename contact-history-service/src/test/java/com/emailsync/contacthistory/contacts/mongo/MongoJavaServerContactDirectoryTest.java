package com.emailsync.contacthistory.contacts.mongo;

import com.emailsync.contacthistory.contacts.ContactDirectory;
import com.emailsync.testsupport.TestDatabases;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerContactDirectoryTest implements ContactDirectoryContract {

  @Override
  public ContactDirectory directory() {
    return new MongoContactDirectory(TestDatabases.fresh());
  }
}
