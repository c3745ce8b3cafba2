package com.emailsync.contacthistory.history.mongo;

import static com.mongodb.client.model.Filters.in;

import com.emailsync.contacthistory.history.HistoryRepository.Stored;
import com.emailsync.contacthistory.history.SuggestionLedger;
import com.emailsync.contacthistory.mongo.InsertIfAbsent;
import com.emailsync.events.ContactSuggested;
import com.emailsync.events.StableId;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/** One document per tenant and suggested address, holding the event that suggested it. */
public class MongoSuggestionLedger implements SuggestionLedger {

  private final MongoCollection<Document> suggestions;

  public MongoSuggestionLedger(MongoDatabase database) {
    this.suggestions = database.getCollection("contact_suggestions");
  }

  @Override
  public List<Stored> record(List<ContactSuggested> given) {
    List<Document> documents = given.stream()
        .map(s -> new Document("_id", StableId.of(s.tenantId(), s.address()))
            .append("tenantId", s.tenantId())
            .append("address", s.address())
            .append("eventId", s.eventId().toString())
            .append("suggestedAt", Date.from(s.occurredAt())))
        .toList();
    Set<Integer> present = InsertIfAbsent.insert(suggestions, documents);
    Map<String, String> storedEvent = new HashMap<>();
    if (!present.isEmpty()) {
      suggestions.find(in("_id", present.stream().map(i -> documents.get(i).getString("_id")).toList()))
          .forEach(d -> storedEvent.put(d.getString("_id"), d.getString("eventId")));
    }
    List<Stored> outcomes = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      if (!present.contains(i)) {
        outcomes.add(Stored.NEW);
      } else {
        boolean same = given.get(i).eventId().toString().equals(storedEvent.get(documents.get(i).getString("_id")));
        outcomes.add(same ? Stored.REDELIVERED : Stored.DUPLICATE);
      }
    }
    return outcomes;
  }
}
