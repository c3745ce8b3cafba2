package com.emailsync.contacthistory.history.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.emailsync.contacthistory.history.HistoryTombstones;
import com.emailsync.events.ContactKey;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * One small document per erased or merged contact, under the contact's key. Kept for good: a replay of the messages
 * topic can reach back as far as the topic does, and there are few such contacts next to the entries.
 */
public class MongoHistoryTombstones implements HistoryTombstones {

  private final MongoCollection<Document> tombstones;

  public MongoHistoryTombstones(MongoDatabase database) {
    this.tombstones = database.getCollection("history_tombstones");
  }

  @Override
  public void erased(ContactKey contact, Instant at) {
    tombstones.updateOne(eq("_id", contact.toString()), Updates.max("erasedAt", Date.from(at)), new UpdateOptions().upsert(true));
  }

  @Override
  public void merged(ContactKey merged, String survivorContactId) {
    tombstones.updateOne(eq("_id", merged.toString()), Updates.set("mergedInto", survivorContactId), new UpdateOptions().upsert(true));
  }

  @Override
  public Map<ContactKey, Tombstone> of(Collection<ContactKey> contacts) {
    Map<ContactKey, Tombstone> found = new HashMap<>();
    if (contacts.isEmpty()) {
      return found;
    }
    List<String> keys = contacts.stream().map(ContactKey::toString).distinct().toList();
    tombstones.find(in("_id", keys)).forEach(d -> {
      Date erasedAt = d.getDate("erasedAt");
      found.put(ContactKey.parse(d.getString("_id")), new Tombstone(erasedAt == null ? null : erasedAt.toInstant(), d.getString("mergedInto")));
    });
    return found;
  }
}
