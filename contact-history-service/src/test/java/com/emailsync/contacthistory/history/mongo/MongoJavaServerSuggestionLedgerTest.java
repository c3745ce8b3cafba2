package com.emailsync.contacthistory.history.mongo;

import com.emailsync.contacthistory.history.SuggestionLedger;
import com.emailsync.testsupport.TestDatabases;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerSuggestionLedgerTest implements SuggestionLedgerContract {

  @Override
  public SuggestionLedger ledger() {
    return new MongoSuggestionLedger(TestDatabases.fresh());
  }
}
