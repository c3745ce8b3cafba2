package com.emailsync.contacthistory.settings.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.contacthistory.settings.HistorySettingsStore;
import com.emailsync.contacthistory.settings.Visibility;
import com.emailsync.testsupport.TestDatabases;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The contract on mongo-java-server over the MongoDB wire protocol: runs everywhere. */
class MongoJavaServerHistorySettingsStoreTest implements HistorySettingsStoreContract {

  @Override
  public HistorySettingsStore store() {
    return new MongoHistorySettingsStore(TestDatabases.fresh());
  }

  @Test
  void readsTheConnectionVisibilitySavedBeforeConnectionsHadMoreSettings() {
    MongoDatabase database = TestDatabases.fresh();
    database.getCollection("history_settings").insertOne(new Document("_id", "t1")
        .append("visibility", "FULL")
        .append("connectionVisibility", List.of(new Document("connectionId", "conn-support").append("visibility", "METADATA"))));

    var settings = new MongoHistorySettingsStore(database).of("t1");

    assertThat(settings.visibilityOf("conn-support")).isEqualTo(Visibility.METADATA);
    assertThat(settings.visibilityOf("conn-other")).isEqualTo(Visibility.FULL);
  }
}
