package com.emailsync.contacthistory.settings.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.emailsync.contacthistory.settings.ConnectionSettings;
import com.emailsync.contacthistory.settings.HistorySettings;
import com.emailsync.contacthistory.settings.HistorySettingsStore;
import com.emailsync.contacthistory.settings.SuggestionPolicy;
import com.emailsync.contacthistory.settings.Visibility;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** One document per tenant that set its own settings. */
public class MongoHistorySettingsStore implements HistorySettingsStore {

  private final MongoCollection<Document> settings;

  public MongoHistorySettingsStore(MongoDatabase database) {
    this.settings = database.getCollection("history_settings");
  }

  @Override
  public Map<String, HistorySettings> of(Collection<String> tenantIds) {
    Map<String, HistorySettings> found = new HashMap<>();
    tenantIds.forEach(tenant -> found.put(tenant, HistorySettings.DEFAULTS));
    if (!tenantIds.isEmpty()) {
      settings.find(in("_id", List.copyOf(tenantIds))).forEach(d -> found.put(d.getString("_id"), settingsOf(d)));
    }
    return found;
  }

  @Override
  public void save(String tenantId, HistorySettings s) {
    settings.replaceOne(
        eq("_id", tenantId),
        new Document("_id", tenantId)
            .append("looseAddressMatching", s.looseAddressMatching())
            .append("blockedAddresses", List.copyOf(s.blockedAddresses()))
            .append("blockedDomains", List.copyOf(s.blockedDomains()))
            .append("excludeRoleAddresses", s.excludeRoleAddresses())
            .append("excludePersonalWebmail", s.excludePersonalWebmail())
            .append("catchUpWindowSeconds", s.catchUpWindow() == null ? null : s.catchUpWindow().toSeconds())
            .append("retentionSeconds", s.retention() == null ? null : s.retention().toSeconds())
            .append("eraseWithConnection", s.eraseWithConnection())
            .append("visibility", s.visibility().name())
            .append("suggestions", s.suggestions().name())
            // As a list: a connection id is not a safe field name.
            .append("connections", s.connections().entrySet().stream().map(e -> connectionDocument(e.getKey(), e.getValue())).toList()),
        new ReplaceOptions().upsert(true));
  }

  @Override
  public boolean claimRetentionRun(String tenantId, Instant now, Duration lease) {
    // Atomic on the tenant's document: the first instance moves the lease on, the others find it taken.
    return settings.findOneAndUpdate(
            Filters.and(eq("_id", tenantId), Filters.or(Filters.exists("retentionRunUntil", false), Filters.lte("retentionRunUntil", Date.from(now)))),
            Updates.set("retentionRunUntil", Date.from(now.plus(lease))))
        != null;
  }

  private static HistorySettings settingsOf(Document d) {
    Number window = d.get("catchUpWindowSeconds", Number.class);
    Number retention = d.get("retentionSeconds", Number.class);
    return new HistorySettings(
        d.getBoolean("looseAddressMatching", false),
        new HashSet<>(d.getList("blockedAddresses", String.class, List.of())),
        new HashSet<>(d.getList("blockedDomains", String.class, List.of())),
        d.getBoolean("excludeRoleAddresses", true),
        d.getBoolean("excludePersonalWebmail", false),
        window == null ? null : Duration.ofSeconds(window.longValue()),
        retention == null ? null : Duration.ofSeconds(retention.longValue()),
        d.getBoolean("eraseWithConnection", false),
        Visibility.valueOf(d.get("visibility", Visibility.FULL.name())),
        SuggestionPolicy.valueOf(d.get("suggestions", SuggestionPolicy.OFF.name())),
        connections(d));
  }

  private static Document connectionDocument(String connectionId, ConnectionSettings c) {
    return new Document("connectionId", connectionId)
        .append("visibility", c.visibility() == null ? null : c.visibility().name())
        .append("excludeRoleAddresses", c.excludeRoleAddresses())
        .append("excludePersonalWebmail", c.excludePersonalWebmail())
        .append("suggestions", c.suggestions() == null ? null : c.suggestions().name());
  }

  /** Settings saved before connections had more than a visibility of their own hold it in {@code connectionVisibility}. */
  private static Map<String, ConnectionSettings> connections(Document d) {
    Map<String, ConnectionSettings> byConnection = new HashMap<>();
    d.getList("connectionVisibility", Document.class, List.of())
        .forEach(c -> byConnection.put(c.getString("connectionId"), ConnectionSettings.visibility(Visibility.valueOf(c.getString("visibility")))));
    d.getList("connections", Document.class, List.of()).forEach(c -> {
      String visibility = c.getString("visibility");
      String suggestions = c.getString("suggestions");
      byConnection.put(c.getString("connectionId"), new ConnectionSettings(
          visibility == null ? null : Visibility.valueOf(visibility),
          c.getBoolean("excludeRoleAddresses"),
          c.getBoolean("excludePersonalWebmail"),
          suggestions == null ? null : SuggestionPolicy.valueOf(suggestions)));
    });
    return byConnection;
  }

  @Override
  public Map<String, HistorySettings> withRetention() {
    Map<String, HistorySettings> found = new HashMap<>();
    settings.find(Filters.ne("retentionSeconds", null)).forEach(d -> found.put(d.getString("_id"), settingsOf(d)));
    return found;
  }
}
