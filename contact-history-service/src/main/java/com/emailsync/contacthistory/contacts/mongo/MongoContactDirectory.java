package com.emailsync.contacthistory.contacts.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.emailsync.contacthistory.contacts.Addresses;
import com.emailsync.contacthistory.contacts.Contact;
import com.emailsync.contacthistory.contacts.ContactDirectory;
import com.emailsync.events.ContactKey;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Contacts under their {@code <tenantId>/<contactId>} key, with an index on (tenant, loose address) for matching: a
 * lookup finds the contacts either way of comparing addresses would, and the tenant's own way narrows the result.
 *
 * <p>The collection is {@code contact_directory}: the skeleton's {@code contacts} collection was keyed by contact id
 * alone, so tenants overwrote each other's contacts there; it is no longer read. The directory is rebuilt from the
 * compacted contacts topic under a new consumer group.
 */
public class MongoContactDirectory implements ContactDirectory {

  static final String COLLECTION = "contact_directory";

  private final MongoCollection<Document> contacts;

  public MongoContactDirectory(MongoDatabase database) {
    this.contacts = database.getCollection(COLLECTION);
    contacts.createIndex(Indexes.ascending("tenantId", "looseAddresses"));
    contacts.createIndex(Indexes.ascending("tenantId", "addresses"));
  }

  @Override
  public void save(Contact contact, Set<String> awaitingCatchUp) {
    contacts.replaceOne(
        eq("_id", contact.key().value()),
        new Document("_id", contact.key().value())
            .append("tenantId", contact.tenantId())
            .append("contactId", contact.contactId())
            .append("name", contact.name())
            .append("addresses", contact.addresses())
            .append("looseAddresses", contact.addresses().stream().map(Addresses::loose).distinct().toList())
            // As a list: an address, with its dots, cannot be a field name.
            .append("knownSince", contact.addresses().stream().map(a -> new Document("address", a).append("since", Date.from(contact.knownSince(a)))).toList())
            .append("awaitingCatchUp", List.copyOf(awaitingCatchUp)),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public Optional<Stored> find(ContactKey key) {
    return Optional.ofNullable(contacts.find(eq("_id", key.value())).first())
        .map(d -> new Stored(contact(d), Set.copyOf(d.getList("awaitingCatchUp", String.class, List.of()))));
  }

  @Override
  public void caughtUp(ContactKey key) {
    contacts.updateOne(eq("_id", key.value()), Updates.set("awaitingCatchUp", List.of()));
  }

  @Override
  public void delete(ContactKey key) {
    contacts.deleteOne(eq("_id", key.value()));
  }

  @Override
  public List<Contact> findByAddresses(Map<String, Set<String>> addressesByTenant) {
    List<Bson> perTenant = new ArrayList<>();
    addressesByTenant.forEach(
        (tenantId, addresses) -> {
          if (!addresses.isEmpty()) {
            // Contacts saved before loose matching existed have no looseAddresses: their exact ones still match.
            perTenant.add(and(
                eq("tenantId", tenantId),
                or(in("looseAddresses", addresses.stream().map(Addresses::loose).toList()), in("addresses", List.copyOf(addresses)))));
          }
        });
    if (perTenant.isEmpty()) {
      return List.of();
    }
    return contacts
        .find(perTenant.size() == 1 ? perTenant.getFirst() : or(perTenant))
        .map(MongoContactDirectory::contact)
        .into(new ArrayList<>());
  }

  private static Contact contact(Document d) {
    Map<String, Instant> knownSince = new HashMap<>();
    d.getList("knownSince", Document.class, List.of()).forEach(k -> knownSince.put(k.getString("address"), k.getDate("since").toInstant()));
    return new Contact(new ContactKey(d.getString("tenantId"), d.getString("contactId")), d.getString("name"), d.getList("addresses", String.class), knownSince);
  }
}
