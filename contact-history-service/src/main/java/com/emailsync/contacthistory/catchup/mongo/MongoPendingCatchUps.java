package com.emailsync.contacthistory.catchup.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;

import com.emailsync.contacthistory.catchup.PendingCatchUp;
import com.emailsync.contacthistory.catchup.PendingCatchUps;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Pending re-reads under their future entry's id, so asking twice for the same mail and contact is one record. */
public class MongoPendingCatchUps implements PendingCatchUps {

  private final MongoCollection<Document> pending;

  public MongoPendingCatchUps(MongoDatabase database) {
    this.pending = database.getCollection("pending_catch_ups");
    pending.createIndex(Indexes.ascending("nextAttemptAt"));
  }

  @Override
  public void save(PendingCatchUp p) {
    var document = new Document("_id", p.entryId())
        .append("tenantId", p.tenantId())
        .append("contactId", p.contactId())
        .append("messageId", p.messageId())
        .append("connectionId", p.connectionId())
        .append("nextAttemptAt", Date.from(p.nextAttemptAt()))
        .append("attempts", p.attempts());
    pending.replaceOne(eq("_id", p.entryId()), LocationFields.append(document, p.location()), new ReplaceOptions().upsert(true));
  }

  @Override
  public List<PendingCatchUp> claimDue(Instant now, Duration lease, int limit) {
    List<PendingCatchUp> claimed = new ArrayList<>();
    while (claimed.size() < limit) {
      // One document at a time, due and moved past the lease in one atomic step: another instance cannot take it too.
      Document due =
          pending.findOneAndUpdate(
              lte("nextAttemptAt", Date.from(now)),
              Updates.set("nextAttemptAt", Date.from(now.plus(lease))),
              new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt")).returnDocument(ReturnDocument.BEFORE));
      if (due == null) {
        break;
      }
      claimed.add(pendingCatchUp(due));
    }
    return claimed;
  }

  private static PendingCatchUp pendingCatchUp(Document d) {
    return new PendingCatchUp(
        d.getString("_id"),
        d.getString("tenantId"),
        d.getString("contactId"),
        d.getString("messageId"),
        d.getString("connectionId"),
        LocationFields.read(d),
        d.getDate("nextAttemptAt").toInstant(),
        d.getInteger("attempts", 1));
  }

  @Override
  public void deleteOfContact(String tenantId, String contactId) {
    pending.deleteMany(Filters.and(eq("tenantId", tenantId), eq("contactId", contactId)));
  }

  @Override
  public void delete(String entryId) {
    pending.deleteOne(eq("_id", entryId));
  }
}
