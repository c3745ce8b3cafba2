package com.emailsync.automation.trigger.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.emailsync.automation.trigger.ContactAttributes;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/** Each contact's CRM fields, one document per contact under its key. */
public class MongoContactAttributes implements ContactAttributes {

  private final MongoCollection<Document> contacts;

  public MongoContactAttributes(MongoDatabase database) {
    this.contacts = database.getCollection("contact_attributes");
  }

  @Override
  public void save(String tenantId, String contactId, Map<String, String> attributes) {
    contacts.replaceOne(eq("_id", key(tenantId, contactId)), new Document("_id", key(tenantId, contactId)).append("attributes", new Document(attributes)),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public void delete(String tenantId, String contactId) {
    contacts.deleteOne(eq("_id", key(tenantId, contactId)));
  }

  @Override
  public Map<String, String> of(String tenantId, String contactId) {
    Document found = contacts.find(eq("_id", key(tenantId, contactId))).first();
    Map<String, String> attributes = new HashMap<>();
    if (found != null) {
      found.get("attributes", Document.class).forEach((name, value) -> attributes.put(name, String.valueOf(value)));
    }
    return attributes;
  }

  private static String key(String tenantId, String contactId) {
    return tenantId + "/" + contactId;
  }
}
