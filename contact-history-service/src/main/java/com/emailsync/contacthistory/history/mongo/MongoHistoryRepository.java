package com.emailsync.contacthistory.history.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.emailsync.contacthistory.history.ContactSummary;
import com.emailsync.contacthistory.history.ErasedEntry;
import com.emailsync.contacthistory.history.HistoryEntry;
import com.emailsync.contacthistory.history.HistoryQuery;
import com.emailsync.contacthistory.history.HistoryRepository;
import com.emailsync.contacthistory.mongo.InsertIfAbsent;
import com.emailsync.contacthistory.settings.Visibility;
import com.emailsync.events.AttachmentInfo;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.StableId;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * History entries keyed by their stable id: a second insert of the same entry fails on the key, never duplicates; a
 * batch goes in as one unordered bulk insert.
 */
public class MongoHistoryRepository implements HistoryRepository {

  private final MongoCollection<Document> entries;
  private final MessageBodies bodies;

  public MongoHistoryRepository(MongoDatabase database) {
    this.entries = database.getCollection("history");
    this.bodies = new MessageBodies(database);
    entries.createIndex(Indexes.compoundIndex(Indexes.ascending("tenantId", "contactId"), Indexes.descending("sentAt", "_id")));
    // For erasing what a deleted connection logged, and naming what a merge moved.
    entries.createIndex(Indexes.ascending("connectionId"));
    entries.createIndex(Indexes.ascending("tenantId", "mergedFrom.contactId"));
  }

  @Override
  public List<Stored> storeAll(List<HistoryEntry> entries) {
    Map<String, Integer> firstOfId = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      firstOfId.putIfAbsent(entries.get(i).id(), i);
    }
    Set<Integer> inserted = insertNew(entries, List.copyOf(firstOfId.values()));
    // Every other entry is settled by the stored one's source: a redelivery of that event is published again, any
    // other copy (another folder or mailbox, in this batch or before it) is a duplicate, whichever came first here.
    Set<String> settle = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      if (!inserted.contains(i)) {
        settle.add(entries.get(i).id());
      }
    }
    Map<String, String> storedSource = sourceEventIds(List.copyOf(settle));
    List<Stored> outcomes = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      HistoryEntry entry = entries.get(i);
      if (inserted.contains(i)) {
        outcomes.add(Stored.NEW);
      } else {
        outcomes.add(entry.sourceEventId().toString().equals(storedSource.get(entry.id())) ? Stored.REDELIVERED : Stored.DUPLICATE);
      }
    }
    return outcomes;
  }

  /**
   * One unordered bulk insert: every entry whose id is new goes in, even when others of the batch are already stored.
   *
   * @return the positions of the entries that went in
   */
  private Set<Integer> insertNew(List<HistoryEntry> entries, List<Integer> positions) {
    Set<Integer> inserted = new HashSet<>(positions);
    if (positions.isEmpty()) {
      return inserted;
    }
    bodies.store(positions.stream().map(entries::get).toList());
    Set<Integer> present = InsertIfAbsent.insert(this.entries, positions.stream().map(i -> toDocument(entries.get(i))).toList());
    present.forEach(at -> inserted.remove(positions.get(at)));
    return inserted;
  }

  @Override
  public List<ErasedEntry> eraseContact(String tenantId, String contactId) {
    // A chunk at a time: one delete naming every id of a long history could outgrow a MongoDB command.
    List<ErasedEntry> erased = new ArrayList<>();
    List<ErasedEntry> chunk;
    do {
      chunk = erase(and(eq("tenantId", tenantId), eq("contactId", contactId)), 1000);
      erased.addAll(chunk);
    } while (chunk.size() == 1000);
    return erased;
  }

  @Override
  public List<ErasedEntry> eraseEntries(Collection<String> entryIds) {
    return entryIds.isEmpty() ? List.of() : erase(in("_id", List.copyOf(entryIds)), entryIds.size());
  }

  @Override
  public List<ErasedEntry> eraseSentBefore(String tenantId, Instant before, int limit) {
    return erase(and(eq("tenantId", tenantId), lt("sentAt", Date.from(before))), limit);
  }

  @Override
  public List<ErasedEntry> eraseOfConnection(String connectionId, int limit) {
    return erase(eq("connectionId", connectionId), limit);
  }

  @Override
  public Optional<String> tenantOfConnection(String connectionId) {
    return Optional.ofNullable(entries.find(eq("connectionId", connectionId)).projection(new Document("tenantId", 1)).first()).map(d -> d.getString("tenantId"));
  }

  private List<ErasedEntry> erase(Bson filter, int limit) {
    List<ErasedEntry> erased = new ArrayList<>();
    Map<String, Set<String>> messagesByTenant = new HashMap<>();
    entries.find(filter).projection(new Document("tenantId", 1).append("contactId", 1).append("messageId", 1)).limit(limit).forEach(d -> {
      erased.add(new ErasedEntry(d.getString("tenantId"), d.getString("contactId"), d.getString("_id")));
      messagesByTenant.computeIfAbsent(d.getString("tenantId"), t -> new HashSet<>()).add(d.getString("messageId"));
    });
    if (!erased.isEmpty()) {
      entries.deleteMany(in("_id", erased.stream().map(ErasedEntry::entryId).toList()));
      messagesByTenant.forEach(this::removeBodiesNoEntryShows);
    }
    return erased;
  }

  /** A body stays only while an entry of its tenant still shows it: erasure must not leave the mail behind. */
  private void removeBodiesNoEntryShows(String tenantId, Set<String> messageIds) {
    Set<String> stillShown = new HashSet<>();
    entries.find(and(eq("tenantId", tenantId), in("messageId", messageIds))).projection(new Document("messageId", 1))
        .forEach(d -> stillShown.add(d.getString("messageId")));
    bodies.remove(tenantId, messageIds.stream().filter(m -> !stillShown.contains(m)).toList());
  }

  @Override
  public List<ErasedEntry> moveContact(String tenantId, String mergedContactId, String survivorContactId) {
    List<Document> moved = new ArrayList<>();
    List<String> oldIds = new ArrayList<>();
    entries.find(and(eq("tenantId", tenantId), eq("contactId", mergedContactId))).forEach(d -> {
      oldIds.add(d.getString("_id"));
      Document copy = new Document(d);
      copy.put("_id", StableId.of(tenantId, survivorContactId, d.getString("messageId")));
      copy.put("contactId", survivorContactId);
      copy.put("mergedFrom", new Document("contactId", mergedContactId).append("entryId", d.getString("_id")));
      // Not the mail event's: a replay of that event must find the moved entry a duplicate, not republish it as news.
      copy.put("sourceEventId", UUID.randomUUID().toString());
      moved.add(copy);
    });
    if (!moved.isEmpty()) {
      // The survivor had some of this mail already: its own entry stays, one per message.
      InsertIfAbsent.insert(entries, moved);
      entries.deleteMany(in("_id", oldIds));
    }
    // A repeat after a crash still names what an earlier call moved (an entry the survivor already had is named only
    // by the call that removed it).
    Set<String> gone = new HashSet<>(oldIds);
    entries.find(and(eq("tenantId", tenantId), eq("mergedFrom.contactId", mergedContactId))).projection(new Document("mergedFrom", 1))
        .forEach(d -> gone.add(d.get("mergedFrom", Document.class).getString("entryId")));
    return gone.stream().sorted().map(id -> new ErasedEntry(tenantId, mergedContactId, id)).toList();
  }

  @Override
  public Set<String> storedOf(String tenantId, Collection<String> entryIds) {
    if (entryIds.isEmpty()) {
      return Set.of();
    }
    Set<String> stored = new HashSet<>();
    entries.find(and(in("_id", entryIds), eq("tenantId", tenantId))).projection(new Document("_id", 1)).forEach(d -> stored.add(d.getString("_id")));
    return stored;
  }

  private Map<String, String> sourceEventIds(List<String> entryIds) {
    Map<String, String> sources = new HashMap<>();
    if (entryIds.isEmpty()) {
      return sources;
    }
    entries.find(in("_id", entryIds)).projection(new Document("sourceEventId", 1))
        .forEach(d -> sources.put(d.getString("_id"), d.getString("sourceEventId")));
    return sources;
  }

  @Override
  public List<HistoryEntry> page(HistoryQuery query, @Nullable Position after, int limit) {
    List<Bson> filters = new ArrayList<>(List.of(eq("tenantId", query.tenantId()), eq("contactId", query.contactId())));
    if (query.direction() != null) {
      filters.add(eq("direction", query.direction().name()));
    }
    if (query.connectionId() != null) {
      filters.add(eq("connectionId", query.connectionId()));
    }
    if (query.from() != null) {
      filters.add(gte("sentAt", Date.from(query.from())));
    }
    if (query.to() != null) {
      filters.add(lt("sentAt", Date.from(query.to())));
    }
    if (query.text() != null && !query.text().isBlank()) {
      filters.add(containing(query));
    }
    if (after != null) {
      Date at = Date.from(after.sentAt());
      filters.add(or(lt("sentAt", at), and(eq("sentAt", at), lt("_id", after.entryId()))));
    }
    return entries
        .find(and(filters))
        // Entries stored before bodies moved apart still hold theirs: a page never reads them.
        .projection(Projections.exclude("textBody", "htmlBody"))
        .sort(Sorts.descending("sentAt", "_id"))
        .limit(limit)
        .map(MongoHistoryRepository::fromDocument)
        .into(new ArrayList<>());
  }

  /** Subject or snippet here, or a body kept apart: the bodies are searched among this contact's messages only. */
  private Bson containing(HistoryQuery query) {
    Pattern words = Pattern.compile(Pattern.quote(query.text().strip()), Pattern.CASE_INSENSITIVE);
    List<String> messageIds = new ArrayList<>();
    entries
        .find(and(eq("tenantId", query.tenantId()), eq("contactId", query.contactId())))
        .projection(new Document("messageId", 1))
        .forEach(d -> messageIds.add(d.getString("messageId")));
    Set<String> inBodies = bodies.messagesContaining(query.tenantId(), messageIds, query.text().strip());
    return or(
        and(shows(query, Visibility.SUMMARY), or(regex("subject", words), regex("snippet", words))),
        and(shows(query, Visibility.FULL), in("messageId", inBodies)));
  }

  /** The entries whose connection shows text at this level: searching must not reveal what serving would hide. */
  private static Bson shows(HistoryQuery query, Visibility level) {
    List<String> differing = query.connectionVisibility().entrySet().stream()
        .filter(e -> e.getValue().shows(level) != query.visibility().shows(level))
        .map(Map.Entry::getKey)
        .toList();
    return query.visibility().shows(level) ? nin("connectionId", differing) : in("connectionId", differing);
  }

  @Override
  public Optional<HistoryEntry> find(String tenantId, String entryId) {
    return Optional.ofNullable(entries.find(and(eq("_id", entryId), eq("tenantId", tenantId))).first())
        .map(MongoHistoryRepository::fromDocument)
        .map(entry -> bodies.find(tenantId, entry.messageId()).map(body -> withBody(entry, body)).orElse(entry));
  }

  @Override
  public ContactSummary summary(String tenantId, String contactId) {
    Bson ofContact = and(eq("tenantId", tenantId), eq("contactId", contactId));
    return new ContactSummary(entries.countDocuments(ofContact), latest(ofContact, EmailEvent.Direction.RECEIVED), latest(ofContact, EmailEvent.Direction.SENT));
  }

  private @Nullable Instant latest(Bson ofContact, EmailEvent.Direction direction) {
    Document newest = entries.find(and(ofContact, eq("direction", direction.name()))).sort(Sorts.descending("sentAt", "_id")).projection(new Document("sentAt", 1)).first();
    return newest == null ? null : newest.getDate("sentAt").toInstant();
  }

  private static HistoryEntry withBody(HistoryEntry e, MessageBodies.Body body) {
    return new HistoryEntry(
        e.id(), e.tenantId(), e.contactId(), e.connectionId(), e.direction(), e.role(), e.messageId(), e.subject(), e.from(), e.to(), e.cc(),
        e.sentAt(), e.snippet(), body.text(), body.html(), e.bodyTruncated(), e.attachments(), e.sourceEventId(), e.origin(),
        e.threadKey(), e.autoReply(), e.bulk(), e.sentByAutomation(), e.folder());
  }

  private static Document toDocument(HistoryEntry e) {
    return new Document("_id", e.id())
        .append("tenantId", e.tenantId())
        .append("contactId", e.contactId())
        .append("connectionId", e.connectionId())
        .append("direction", e.direction().name())
        .append("role", e.role().name())
        .append("messageId", e.messageId())
        .append("subject", e.subject())
        .append("from", address(e.from()))
        .append("to", e.to().stream().map(MongoHistoryRepository::address).toList())
        .append("cc", e.cc().stream().map(MongoHistoryRepository::address).toList())
        .append("sentAt", Date.from(e.sentAt()))
        .append("snippet", e.snippet())
        .append("bodyTruncated", e.bodyTruncated())
        .append(
            "attachments",
            e.attachments().stream()
                .map(a -> new Document("filename", a.filename()).append("contentType", a.contentType()).append("sizeBytes", a.sizeBytes()).append("inline", a.inline()))
                .toList())
        .append("sourceEventId", e.sourceEventId().toString())
        .append("origin", e.origin().name())
        .append("threadKey", e.threadKey())
        .append("autoReply", e.autoReply())
        .append("bulk", e.bulk())
        .append("sentByAutomation", e.sentByAutomation())
        .append("folder", e.folder());
  }

  private static HistoryEntry fromDocument(Document d) {
    return new HistoryEntry(
        d.getString("_id"),
        d.getString("tenantId"),
        d.getString("contactId"),
        d.getString("connectionId"),
        EmailEvent.Direction.valueOf(d.getString("direction")),
        ContactEmailLogged.Role.valueOf(d.getString("role")),
        d.getString("messageId"),
        d.getString("subject"),
        address(d.get("from", Document.class)),
        d.getList("to", Document.class).stream().map(MongoHistoryRepository::address).toList(),
        d.getList("cc", Document.class).stream().map(MongoHistoryRepository::address).toList(),
        d.getDate("sentAt").toInstant(),
        d.getString("snippet"),
        d.getString("textBody"),
        d.getString("htmlBody"),
        d.getBoolean("bodyTruncated", false),
        d.getList("attachments", Document.class).stream()
            .map(a -> new AttachmentInfo(a.getString("filename"), a.getString("contentType"), a.get("sizeBytes", Number.class).longValue(), a.getBoolean("inline", false)))
            .toList(),
        UUID.fromString(d.getString("sourceEventId")),
        MailOrigin.valueOf(d.get("origin", MailOrigin.LIVE.name())),
        d.getString("threadKey"),
        d.getBoolean("autoReply", false),
        d.getBoolean("bulk", false),
        d.getBoolean("sentByAutomation", false),
        d.getString("folder"));
  }

  private static Document address(EmailAddress a) {
    return new Document("name", a.name()).append("address", a.address());
  }

  private static EmailAddress address(Document d) {
    return new EmailAddress(d.getString("name"), d.getString("address"));
  }
}
