package com.emailsync.automation.webhook.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.emailsync.automation.webhook.WebhookDelivery;
import com.emailsync.automation.webhook.WebhookEndpoint;
import com.emailsync.automation.webhook.WebhookRepository;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/** Endpoints, with their sealed secrets, and the delivery queue, whose id makes one delivery per endpoint and event. */
public class MongoWebhookStore implements WebhookRepository {

  private final MongoCollection<Document> endpoints;
  private final MongoCollection<Document> deliveries;

  public MongoWebhookStore(MongoDatabase database) {
    this.endpoints = database.getCollection("webhook_endpoints");
    this.deliveries = database.getCollection("webhook_deliveries");
    endpoints.createIndex(Indexes.ascending("tenantId"));
    deliveries.createIndex(Indexes.ascending("status", "nextAttemptAt"));
    deliveries.createIndex(Indexes.compoundIndex(Indexes.ascending("tenantId", "endpointId", "status"), Indexes.descending("createdAt")));
    deliveries.createIndex(Indexes.ascending("tenantId", "entryId"));
    // Delivered ones are kept thirty days for the history (and so a replay of the trigger topic within them resends
    // nothing), then go by themselves.
    deliveries.createIndex(Indexes.ascending("deliveredAt"), new IndexOptions().expireAfter(30L * 24 * 3600, java.util.concurrent.TimeUnit.SECONDS));
  }

  @Override
  public void save(WebhookEndpoint e) {
    endpoints.replaceOne(eq("_id", e.id()), new Document("_id", e.id())
        .append("tenantId", e.tenantId())
        .append("url", e.url())
        .append("eventTypes", e.eventTypes())
        .append("enabled", e.enabled())
        .append("createdAt", Date.from(e.createdAt()))
        .append("secrets", e.secrets().stream().map(s -> new Document("id", s.id()).append("sealed", s.sealed())
            .append("createdAt", Date.from(s.createdAt())).append("expiresAt", s.expiresAt() == null ? null : Date.from(s.expiresAt()))).toList()),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public Optional<WebhookEndpoint> find(String tenantId, String endpointId) {
    return Optional.ofNullable(endpoints.find(and(eq("_id", endpointId), eq("tenantId", tenantId))).first()).map(MongoWebhookStore::endpoint);
  }

  @Override
  public List<WebhookEndpoint> findAll(String tenantId) {
    return endpoints.find(eq("tenantId", tenantId)).sort(Sorts.ascending("createdAt")).map(MongoWebhookStore::endpoint).into(new ArrayList<>());
  }

  @Override
  public boolean delete(String tenantId, String endpointId) {
    return endpoints.deleteOne(and(eq("_id", endpointId), eq("tenantId", tenantId))).getDeletedCount() == 1;
  }

  @Override
  public void enqueue(WebhookDelivery d) {
    try {
      deliveries.insertOne(new Document("_id", d.id())
          .append("endpointId", d.endpointId())
          .append("tenantId", d.tenantId())
          .append("eventId", d.eventId())
          .append("eventType", d.eventType())
          .append("entryId", d.entryId())
          .append("payload", d.payload())
          .append("status", d.status().name())
          .append("attempts", d.attempts())
          .append("nextAttemptAt", Date.from(d.nextAttemptAt()))
          .append("createdAt", Date.from(d.createdAt()))
          .append("claimedUntil", null));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      // The event read again (a redelivery, a replay): it is in line already, or was delivered.
    }
  }

  /**
   * The oldest due delivery of each endpoint, endpoints oldest first: one endpoint's backlog of thousands takes one
   * place in the window, never all of it, so every other tenant's deliveries are seen in the same round.
   */
  @Override
  public List<WebhookDelivery> due(Instant now, int limit) {
    Date at = Date.from(now);
    return deliveries.aggregate(List.of(
            com.mongodb.client.model.Aggregates.match(and(eq("status", "PENDING"), lte("nextAttemptAt", at), or(eq("claimedUntil", null), lte("claimedUntil", at)))),
            com.mongodb.client.model.Aggregates.sort(Sorts.ascending("nextAttemptAt")),
            com.mongodb.client.model.Aggregates.group("$endpointId", com.mongodb.client.model.Accumulators.first("delivery", "$$ROOT")),
            com.mongodb.client.model.Aggregates.sort(Sorts.ascending("delivery.nextAttemptAt")),
            com.mongodb.client.model.Aggregates.limit(limit)))
        .map(d -> delivery(d.get("delivery", Document.class)))
        .into(new ArrayList<>());
  }

  /** Only as it was read: due, unclaimed, and after the same number of attempts (no other instance moved it since). */
  @Override
  public boolean claim(WebhookDelivery delivery, Instant now, Instant until) {
    Date at = Date.from(now);
    return deliveries.updateOne(and(eq("_id", delivery.id()), eq("status", "PENDING"), eq("attempts", delivery.attempts()), lte("nextAttemptAt", at),
        or(eq("claimedUntil", null), lte("claimedUntil", at))), Updates.set("claimedUntil", Date.from(until))).getModifiedCount() == 1;
  }

  /** An outcome is written only over the attempt it is the outcome of: a late one cannot undo a newer. */
  private static Bson attempt(String deliveryId, int attempts) {
    return and(eq("_id", deliveryId), eq("status", "PENDING"), eq("attempts", attempts - 1));
  }

  @Override
  public void delivered(String deliveryId, int attempts, Instant at) {
    deliveries.updateOne(attempt(deliveryId, attempts), Updates.combine(Updates.set("status", "DELIVERED"), Updates.set("attempts", attempts),
        Updates.set("deliveredAt", Date.from(at)), Updates.set("claimedUntil", null), Updates.set("lastError", null)));
  }

  @Override
  public void retryAt(String deliveryId, int attempts, Instant at, String error) {
    deliveries.updateOne(attempt(deliveryId, attempts), Updates.combine(Updates.set("attempts", attempts), Updates.set("nextAttemptAt", Date.from(at)),
        Updates.set("lastError", error), Updates.set("claimedUntil", null)));
  }

  @Override
  public void dead(String deliveryId, int attempts, String error) {
    deliveries.updateOne(attempt(deliveryId, attempts), Updates.combine(Updates.set("status", "DEAD"), Updates.set("attempts", attempts),
        Updates.set("lastError", error), Updates.set("claimedUntil", null)));
  }

  @Override
  public boolean redeliver(String tenantId, String endpointId, String deliveryId, Instant now) {
    // Back in line with a new give-up window: counted from the redeliver, as if the event had just arrived.
    return deliveries.updateOne(and(eq("_id", deliveryId), eq("tenantId", tenantId), eq("endpointId", endpointId), eq("status", "DEAD")),
        Updates.combine(Updates.set("status", "PENDING"), Updates.set("nextAttemptAt", Date.from(now)), Updates.set("createdAt", Date.from(now)),
            Updates.set("claimedUntil", null))).getModifiedCount() == 1;
  }

  @Override
  public List<WebhookDelivery> deliveries(String tenantId, String endpointId, WebhookDelivery.@Nullable Status status, int limit) {
    List<Bson> filters = new ArrayList<>(List.of(eq("tenantId", tenantId), eq("endpointId", endpointId)));
    if (status != null) {
      filters.add(eq("status", status.name()));
    }
    return deliveries.find(and(filters)).sort(Sorts.descending("createdAt")).limit(limit).map(MongoWebhookStore::delivery).into(new ArrayList<>());
  }

  @Override
  public void forgetEntries(String tenantId, List<String> entryIds) {
    if (!entryIds.isEmpty()) {
      deliveries.deleteMany(and(eq("tenantId", tenantId), com.mongodb.client.model.Filters.in("entryId", entryIds)));
    }
  }

  private static WebhookEndpoint endpoint(Document d) {
    return new WebhookEndpoint(d.getString("_id"), d.getString("tenantId"), d.getString("url"), d.getList("eventTypes", String.class),
        d.getBoolean("enabled", true), d.getDate("createdAt").toInstant(),
        d.getList("secrets", Document.class).stream().map(s -> new WebhookEndpoint.SigningSecret(s.getString("id"), s.getString("sealed"),
            s.getDate("createdAt").toInstant(), s.getDate("expiresAt") == null ? null : s.getDate("expiresAt").toInstant())).toList());
  }

  private static WebhookDelivery delivery(Document d) {
    return new WebhookDelivery(d.getString("_id"), d.getString("endpointId"), d.getString("tenantId"), d.getString("eventId"), d.getString("eventType"),
        d.getString("entryId"), d.getString("payload"), WebhookDelivery.Status.valueOf(d.getString("status")), d.getInteger("attempts", 0), d.getDate("nextAttemptAt").toInstant(),
        d.getString("lastError"), d.getDate("createdAt").toInstant(), d.getDate("deliveredAt") == null ? null : d.getDate("deliveredAt").toInstant());
  }
}
