package com.emailsync.automation.trigger.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.emailsync.automation.trigger.Automation;
import com.emailsync.automation.trigger.AutomationRepository;
import com.emailsync.automation.trigger.AutomationScope;
import com.emailsync.automation.trigger.Firing;
import com.emailsync.automation.trigger.FiringLedger;
import com.emailsync.automation.trigger.FirstMails;
import com.emailsync.automation.trigger.MailFilters;
import com.emailsync.automation.trigger.TextCondition;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * Automations, the firing ledger whose unique key makes each firing happen once, and each contact's first mail, whose
 * key makes the first one win.
 */
public class MongoAutomationStore implements AutomationRepository, FiringLedger, FirstMails {

  private final MongoCollection<Document> automations;
  private final MongoCollection<Document> firings;
  private final MongoCollection<Document> firstMails;

  public MongoAutomationStore(MongoDatabase database) {
    this.automations = database.getCollection("automations");
    this.firings = database.getCollection("firings");
    this.firstMails = database.getCollection("first_mails");

    automations.createIndex(Indexes.ascending("tenantId", "trigger", "enabled"));
    firings.createIndex(Indexes.compoundIndex(Indexes.ascending("tenantId", "automationId"), Indexes.descending("firedAt", "_id")));
    firings.createIndex(Indexes.compoundIndex(Indexes.ascending("tenantId", "contactId"), Indexes.descending("firedAt", "_id")));
  }

  @Override
  public void save(Automation a) {
    automations.replaceOne(
        eq("_id", a.id()),
        new Document("_id", a.id())
            .append("tenantId", a.tenantId())
            .append("name", a.name())
            .append("trigger", a.trigger().name())
            .append("enabled", a.enabled())
            .append("createdAt", Date.from(a.createdAt()))
            .append("createdBy", a.createdBy())
            .append("scope", new Document("connectionIds", a.scope().connectionIds()).append("folders", a.scope().folders()))
            .append("filters", filtersDocument(a.filters())),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public Optional<Automation> find(String tenantId, String automationId) {
    return Optional.ofNullable(automations.find(byId(tenantId, automationId)).first()).map(MongoAutomationStore::automation);
  }

  @Override
  public List<Automation> findAll(String tenantId) {
    return automations.find(eq("tenantId", tenantId)).sort(Sorts.ascending("createdAt")).map(MongoAutomationStore::automation).into(new ArrayList<>());
  }

  @Override
  public List<Automation> findEnabled(String tenantId, Automation.Trigger trigger) {
    return automations
        .find(and(eq("tenantId", tenantId), eq("trigger", trigger.name()), eq("enabled", true)))
        .map(MongoAutomationStore::automation)
        .into(new ArrayList<>());
  }

  @Override
  public boolean delete(String tenantId, String automationId) {
    return automations.deleteOne(byId(tenantId, automationId)).getDeletedCount() == 1;
  }

  @Override
  public java.util.Map<String, String> firstOf(List<Sighting> sightings) {
    java.util.Map<String, String> proposed = new java.util.LinkedHashMap<>();
    sightings.forEach(sighting -> proposed.putIfAbsent(sighting.tenantId() + "/" + sighting.contactId(), sighting.messageId()));
    insertIgnoringDuplicates(firstMails, proposed.entrySet().stream().map(e -> new Document("_id", e.getKey()).append("messageId", e.getValue())).toList());
    java.util.Map<String, String> firsts = new java.util.HashMap<>();
    firstMails.find(in("_id", proposed.keySet())).forEach(d -> firsts.put(d.getString("_id"), d.getString("messageId")));
    return firsts;
  }

  @Override
  public List<Firing> recordAll(List<Firing> batch) {
    java.util.Set<Integer> duplicates = insertIgnoringDuplicates(firings, batch.stream().map(MongoAutomationStore::firingDocument).toList());
    List<Firing> toPublish = new ArrayList<>();
    java.util.Map<String, String> sourceOfExisting = new java.util.HashMap<>();
    if (!duplicates.isEmpty()) {
      List<String> ids = duplicates.stream().map(i -> batch.get(i).id()).toList();
      firings.find(in("_id", ids)).forEach(d -> sourceOfExisting.put(d.getString("_id"), d.getString("sourceEventId")));
    }
    for (int i = 0; i < batch.size(); i++) {
      Firing firing = batch.get(i);
      // A firing recorded from this very source event was published in a transaction that rolled back: again.
      if (!duplicates.contains(i) || firing.sourceEventId().toString().equals(sourceOfExisting.get(firing.id()))) {
        toPublish.add(firing);
      }
    }
    return toPublish;
  }

  /**
   * Inserts what is not there yet, in one unordered bulk write.
   *
   * @return the positions of the documents whose id was there already
   */
  private static java.util.Set<Integer> insertIgnoringDuplicates(MongoCollection<Document> collection, List<Document> documents) {
    if (documents.isEmpty()) {
      return java.util.Set.of();
    }
    try {
      collection.insertMany(documents, new com.mongodb.client.model.InsertManyOptions().ordered(false));
      return java.util.Set.of();
    } catch (com.mongodb.MongoBulkWriteException e) {
      java.util.Set<Integer> duplicates = new java.util.HashSet<>();
      for (var error : e.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        duplicates.add(error.getIndex());
      }
      return duplicates;
    }
  }

  private static Document firingDocument(Firing f) {
    return new Document("_id", f.id())
        .append("automationId", f.automationId())
        .append("tenantId", f.tenantId())
        .append("contactId", f.contactId())
        .append("entryId", f.entryId())
        .append("messageId", f.messageId())
        .append("subject", f.subject())
        .append("firedAt", Date.from(f.firedAt()))
        .append("sourceEventId", f.sourceEventId().toString());
  }

  @Override
  public List<Firing> page(Query query, @Nullable Position after, int limit) {
    List<Bson> filters = new ArrayList<>(List.of(eq("tenantId", query.tenantId())));
    if (query.automationId() != null) {
      filters.add(eq("automationId", query.automationId()));
    }
    if (query.contactId() != null) {
      filters.add(eq("contactId", query.contactId()));
    }
    if (after != null) {
      Date at = Date.from(after.firedAt());
      filters.add(or(lt("firedAt", at), and(eq("firedAt", at), lt("_id", after.firingId()))));
    }
    return firings
        .find(and(filters))
        .sort(Sorts.descending("firedAt", "_id"))
        .limit(limit)
        .map(
            d ->
                new Firing(
                    d.getString("_id"),
                    d.getString("automationId"),
                    d.getString("tenantId"),
                    d.getString("contactId"),
                    d.getString("entryId"),
                    d.getString("messageId"),
                    d.getString("subject"),
                    d.getDate("firedAt").toInstant(),
                    UUID.fromString(d.getString("sourceEventId"))))
        .into(new ArrayList<>());
  }

  @Override
  public void redact(String tenantId, String contactId, List<String> entryIds) {
    if (!entryIds.isEmpty()) {
      firings.updateMany(
          and(eq("tenantId", tenantId), eq("contactId", contactId), in("entryId", entryIds)),
          Updates.combine(Updates.set("subject", null), Updates.set("messageId", null), Updates.set("redacted", true)));
    }
  }

  private static Bson byId(String tenantId, String automationId) {
    return and(eq("_id", automationId), eq("tenantId", tenantId));
  }

  private static Document filtersDocument(MailFilters f) {
    return new Document("subject", f.subject() == null ? null : new Document("contains", f.subject().contains()).append("matches", f.subject().matches()))
        .append("body", f.body() == null ? null : new Document("contains", f.body().contains()).append("matches", f.body().matches()))
        .append("contactAttribute", f.contactAttribute() == null ? null
            : new Document("name", f.contactAttribute().name()).append("values", f.contactAttribute().values()))
        .append("senderDomains", f.senderDomains())
        .append("firstEmailOnly", f.firstEmailOnly())
        .append("includeAutoReplies", f.includeAutoReplies())
        .append("includeBulk", f.includeBulk());
  }

  private static Automation automation(Document d) {
    Document scope = d.get("scope", Document.class);
    Document filters = d.get("filters", Document.class);
    return new Automation(
        d.getString("_id"),
        d.getString("tenantId"),
        d.getString("name"),
        Automation.Trigger.valueOf(d.getString("trigger")),
        d.getBoolean("enabled", false),
        d.getDate("createdAt").toInstant(),
        d.getString("createdBy"),
        // Stored before scopes and filters: everywhere, by default.
        scope == null ? AutomationScope.EVERYWHERE : new AutomationScope(scope.getList("connectionIds", String.class, List.of()), scope.getList("folders", String.class, List.of())),
        filters == null ? MailFilters.DEFAULT : filters(filters));
  }

  private static MailFilters filters(Document f) {
    Document subject = f.get("subject", Document.class);
    Document body = f.get("body", Document.class);
    Document attribute = f.get("contactAttribute", Document.class);
    return new MailFilters(
        subject == null ? null : TextCondition.of(subject.getString("contains"), subject.getString("matches")),
        body == null ? null : TextCondition.of(body.getString("contains"), body.getString("matches")),
        attribute == null ? null
            : new com.emailsync.automation.trigger.ContactAttributeCondition(attribute.getString("name"), attribute.getList("values", String.class)),
        f.getList("senderDomains", String.class, List.of()),
        f.getBoolean("firstEmailOnly", false),
        f.getBoolean("includeAutoReplies", false),
        f.getBoolean("includeBulk", false));
  }
}
