package com.emailsync.contacthistory.history.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.emailsync.contacthistory.history.ContactDirectory;
import com.emailsync.events.ContactChanged;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.Document;

/** Contacts by id, with an index on (tenant, email) for matching participants. */
public class MongoContactDirectory implements ContactDirectory {

  private final MongoCollection<Document> contacts;

  public MongoContactDirectory(MongoDatabase database) {
    this.contacts = database.getCollection("contacts");
    contacts.createIndex(Indexes.ascending("tenantId", "emails"));
  }

  @Override
  public void save(ContactChanged contact) {
    contacts.replaceOne(
        eq("_id", contact.contactId()),
        new Document("_id", contact.contactId())
            .append("tenantId", contact.tenantId())
            .append("name", contact.name())
            .append("emails", contact.emails()),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public void delete(String contactId) {
    contacts.deleteOne(eq("_id", contactId));
  }

  @Override
  public List<Match> findByEmails(String tenantId, Collection<String> emails) {
    if (emails.isEmpty()) {
      return List.of();
    }
    return contacts
        .find(and(eq("tenantId", tenantId), in("emails", emails)))
        .map(d -> new Match(d.getString("_id"), d.getList("emails", String.class)))
        .into(new ArrayList<>());
  }
}
