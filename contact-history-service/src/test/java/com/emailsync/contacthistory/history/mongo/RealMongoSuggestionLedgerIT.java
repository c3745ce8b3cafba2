package com.emailsync.contacthistory.history.mongo;

import com.emailsync.contacthistory.RealMongo;
import com.emailsync.contacthistory.history.SuggestionLedger;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract on a real MongoDB server (its duplicate-key errors for real); skipped without Docker, see RealMongo. */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoSuggestionLedgerIT implements SuggestionLedgerContract {

  @Override
  public SuggestionLedger ledger() {
    return new MongoSuggestionLedger(RealMongo.freshDatabase());
  }
}
