package com.emailsync.contacthistory.history.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.emailsync.contacthistory.history.ErasureAnnouncements;
import com.emailsync.events.EntriesErased;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/** Announcements under their event id, so publishing one again repeats the same event. */
public class MongoErasureAnnouncements implements ErasureAnnouncements {

  private final MongoCollection<Document> announcements;

  public MongoErasureAnnouncements(MongoDatabase database) {
    this.announcements = database.getCollection("erasure_announcements");
    announcements.createIndex(Indexes.ascending("occurredAt"));
  }

  @Override
  public void save(EntriesErased a) {
    announcements.replaceOne(
        eq("_id", a.eventId().toString()),
        new Document("_id", a.eventId().toString())
            .append("occurredAt", Date.from(a.occurredAt()))
            .append("tenantId", a.tenantId())
            .append("contactId", a.contactId())
            .append("entryIds", a.entryIds())
            .append("reason", a.reason().name()),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public List<EntriesErased> savedBefore(Instant instant, int limit) {
    return announcements
        .find(lt("occurredAt", Date.from(instant)))
        .sort(Sorts.ascending("occurredAt"))
        .limit(limit)
        .map(d -> new EntriesErased(
            UUID.fromString(d.getString("_id")),
            d.getDate("occurredAt").toInstant(),
            d.getString("tenantId"),
            d.getString("contactId"),
            d.getList("entryIds", String.class),
            EntriesErased.Reason.valueOf(d.getString("reason"))))
        .into(new ArrayList<>());
  }

  @Override
  public void published(UUID eventId) {
    announcements.deleteOne(eq("_id", eventId.toString()));
  }
}
