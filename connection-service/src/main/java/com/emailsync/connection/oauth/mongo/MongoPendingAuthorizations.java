package com.emailsync.connection.oauth.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.emailsync.connection.oauth.PendingAuthorization;
import com.emailsync.connection.oauth.PendingAuthorizations;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/** Started grants in MongoDB, removed when their callback takes them, or by a TTL index once expired. */
public class MongoPendingAuthorizations implements PendingAuthorizations {

  private final MongoCollection<Document> collection;

  public MongoPendingAuthorizations(MongoDatabase database) {
    this.collection = database.getCollection("oauth_pending");
    collection.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
  }

  @Override
  public void save(PendingAuthorization pending) {
    collection.insertOne(new Document("_id", pending.id())
        .append("tenantId", pending.tenantId()).append("userId", pending.userId()).append("provider", pending.provider())
        .append("codeVerifier", pending.codeVerifier()).append("nonce", pending.nonce()).append("expiresAt", Date.from(pending.expiresAt())));
  }

  @Override
  public Optional<PendingAuthorization> take(String id, String tenantId, String userId, Instant now) {
    // One atomic find-and-delete: two callbacks with the same state cannot both get it.
    Document taken = collection.findOneAndDelete(and(eq("_id", id), eq("tenantId", tenantId), eq("userId", userId), gt("expiresAt", Date.from(now))));
    return Optional.ofNullable(taken).map(d -> new PendingAuthorization(d.getString("_id"), d.getString("tenantId"), d.getString("userId"),
        d.getString("provider"), d.getString("codeVerifier"), d.getString("nonce"), d.getDate("expiresAt").toInstant()));
  }

  @Override
  public boolean exists(String id, Instant now) {
    return collection.countDocuments(and(eq("_id", id), gt("expiresAt", Date.from(now)))) > 0;
  }
}
