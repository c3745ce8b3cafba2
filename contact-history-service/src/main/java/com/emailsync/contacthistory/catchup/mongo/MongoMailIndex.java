package com.emailsync.contacthistory.catchup.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;

import com.emailsync.contacthistory.catchup.IndexedMail;
import com.emailsync.contacthistory.catchup.MailIndex;
import com.emailsync.contacthistory.mongo.InsertIfAbsent;
import com.emailsync.events.StableId;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * One document per tenant and Message-ID with its participants and one location, removed by a TTL index once older
 * than the longest catch-up window; mail already older than that is not added at all.
 */
public class MongoMailIndex implements MailIndex {

  private final MongoCollection<Document> index;
  private final Duration retention;
  private final Clock clock;

  public MongoMailIndex(MongoDatabase database, Duration retention, Clock clock) {
    this.index = database.getCollection("mail_index");
    this.retention = retention;
    this.clock = clock;
    index.createIndex(Indexes.ascending("tenantId", "addresses", "sentAt"));
    index.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
  }

  @Override
  public void add(List<IndexedMail> mail) {
    Instant now = clock.instant();
    Instant oldestKept = now.minus(retention);
    List<Document> documents = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (IndexedMail m : mail) {
      String id = StableId.of(m.tenantId(), m.messageId());
      if (m.sentAt().isAfter(oldestKept) && ids.add(id)) {
        documents.add(document(id, m, now));
      }
    }
    // Mail already indexed (seen in another folder or mailbox, or a replay) keeps its first location.
    InsertIfAbsent.insert(index, documents);
  }

  @Override
  public void forget(String tenantId, Set<String> addresses) {
    if (!addresses.isEmpty()) {
      index.updateMany(and(eq("tenantId", tenantId), in("addresses", addresses)), Updates.pullAll("addresses", List.copyOf(addresses)));
    }
  }

  @Override
  public List<IndexedMail> find(String tenantId, Set<String> addresses, Instant since, int limit) {
    if (addresses.isEmpty()) {
      return List.of();
    }
    return index
        .find(and(eq("tenantId", tenantId), in("addresses", addresses), gte("sentAt", Date.from(since))))
        .sort(Sorts.descending("sentAt"))
        .limit(limit)
        .map(MongoMailIndex::indexed)
        .into(new ArrayList<>());
  }

  /** A Date header in the future (a wrong clock, or a forgery) must not keep the mail in the index past its time. */
  private Document document(String id, IndexedMail m, Instant now) {
    var document = new Document("_id", id)
        .append("tenantId", m.tenantId())
        .append("messageId", m.messageId())
        .append("connectionId", m.connectionId());
    return LocationFields.append(document, m.location())
        .append("sentAt", Date.from(m.sentAt()))
        .append("addresses", List.copyOf(m.addresses()))
        .append("expiresAt", Date.from((m.sentAt().isAfter(now) ? now : m.sentAt()).plus(retention)));
  }

  private static IndexedMail indexed(Document d) {
    return new IndexedMail(
        d.getString("tenantId"),
        d.getString("messageId"),
        d.getString("connectionId"),
        LocationFields.read(d),
        d.getDate("sentAt").toInstant(),
        new HashSet<>(d.getList("addresses", String.class)));
  }
}
