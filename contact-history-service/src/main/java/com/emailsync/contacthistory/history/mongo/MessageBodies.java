package com.emailsync.contacthistory.history.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.emailsync.contacthistory.history.HistoryEntry;
import com.emailsync.contacthistory.mongo.InsertIfAbsent;
import com.emailsync.events.StableId;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of logged mail, apart from the entries: once per tenant and message however many contacts took part, and
 * never read for a history page, which stays small however long the mail.
 */
final class MessageBodies {

  private final MongoCollection<Document> bodies;

  MessageBodies(MongoDatabase database) {
    this.bodies = database.getCollection("message_bodies");
  }

  record Body(@Nullable String text, @Nullable String html) {}

  static String idOf(String tenantId, String messageId) {
    return StableId.of(tenantId, messageId);
  }

  /** Before the entries: an entry is never stored without its body, and a replay finds the body already there. */
  void store(List<HistoryEntry> entries) {
    List<Document> documents = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (HistoryEntry e : entries) {
      String id = idOf(e.tenantId(), e.messageId());
      if ((e.textBody() != null || e.htmlBody() != null) && ids.add(id)) {
        documents.add(
            new Document("_id", id)
                .append("tenantId", e.tenantId())
                .append("messageId", e.messageId())
                .append("textBody", e.textBody())
                .append("htmlBody", e.htmlBody()));
      }
    }
    InsertIfAbsent.insert(bodies, documents);
  }

  Optional<Body> find(String tenantId, String messageId) {
    return Optional.ofNullable(bodies.find(and(eq("_id", idOf(tenantId, messageId)), eq("tenantId", tenantId))).first())
        .map(d -> new Body(d.getString("textBody"), d.getString("htmlBody")));
  }

  void remove(String tenantId, List<String> messageIds) {
    if (!messageIds.isEmpty()) {
      bodies.deleteMany(and(eq("tenantId", tenantId), in("_id", messageIds.stream().map(m -> idOf(tenantId, m)).toList())));
    }
  }

  /** Of the tenant's given messages, those whose text or HTML body contains the words, case-insensitive. */
  Set<String> messagesContaining(String tenantId, Collection<String> messageIds, String words) {
    if (messageIds.isEmpty()) {
      return Set.of();
    }
    Pattern contains = Pattern.compile(Pattern.quote(words), Pattern.CASE_INSENSITIVE);
    Set<String> matching = new HashSet<>();
    bodies
        .find(and(in("_id", messageIds.stream().map(m -> idOf(tenantId, m)).toList()), eq("tenantId", tenantId), or(regex("textBody", contains), regex("htmlBody", contains))))
        .projection(new Document("messageId", 1))
        .forEach(d -> matching.add(d.getString("messageId")));
    return matching;
  }
}
