package com.emailsync.connection.mailbox.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.exists;

import com.emailsync.connection.mailbox.Connection;
import com.emailsync.connection.mailbox.ConnectionFolder;
import com.emailsync.connection.mailbox.FolderSync;
import com.emailsync.connection.mailbox.OAuthGrant;
import com.emailsync.connection.mailbox.ConnectionRepository;
import com.emailsync.connection.mailbox.ConnectionStatus;
import com.emailsync.connection.mailbox.PendingPublication;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapAuth;
import com.emailsync.events.ImapSecurity;
import com.emailsync.events.SyncStatusReported;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.bson.conversions.Bson;

/** Connections in MongoDB, one document each, keyed by id and always filtered by tenant. */
public class MongoConnectionRepository implements ConnectionRepository {

  // A change not yet published to Kafka: {mark, since} (see PendingPublication).
  private static final String UNPUBLISHED = "unpublished";
  private static final String UNPUBLISHED_MARK = UNPUBLISHED + ".mark";
  private static final String UNPUBLISHED_SINCE = UNPUBLISHED + ".since";
  private static final String VERSION = "version";

  private final MongoCollection<Document> collection;

  public MongoConnectionRepository(MongoDatabase database) {
    this.collection = database.getCollection("connections");
    collection.createIndex(Indexes.ascending("tenantId", "createdAt"));
    // The OAuth rounds (every minute, every hour) read only the grants due: sparse, as password connections have none.
    collection.createIndex(Indexes.ascending("oauth.accessTokenExpiresAt"), new IndexOptions().sparse(true));
    collection.createIndex(Indexes.ascending("oauth.reauthDueAt"), new IndexOptions().sparse(true));
    // Sparse: only connections with a change still waiting to be published carry the field.
    collection.createIndex(Indexes.ascending(UNPUBLISHED_SINCE), new IndexOptions().sparse(true));
  }

  @Override
  public void insert(Connection connection, PendingPublication pending) {
    collection.insertOne(ConnectionDocuments.toDocument(connection).append(UNPUBLISHED, pendingDocument(pending)));
  }

  /**
   * Only the fields a change of the owner's makes, over the version it was made from: the sync outcome the workers
   * report meanwhile (recordSync) is not written back from the older state.
   */
  @Override
  public boolean update(Connection connection, PendingPublication pending) {
    Document changed = ConnectionDocuments.toDocument(connection);
    Bson sameVersion = connection.version() == 0
        ? or(eq(VERSION, 0L), exists(VERSION, false))
        : eq(VERSION, connection.version());
    var owned = new ArrayList<Bson>();
    for (String field : List.of("sealedPassword", "folders", "status", "resyncGeneration", "aliases", "backfill", "oauth")) {
      owned.add(Updates.set(field, changed.get(field)));
    }
    owned.add(Updates.set(VERSION, connection.version() + 1));
    owned.add(Updates.set(UNPUBLISHED, pendingDocument(pending)));
    return collection.updateOne(and(byId(connection.tenantId(), connection.id()), sameVersion), Updates.combine(owned)).getModifiedCount() == 1;
  }

  @Override
  public boolean claimRefresh(String tenantId, String connectionId, long version, Instant until) {
    return collection.updateOne(and(byId(tenantId, connectionId), eq(VERSION, version)),
        Updates.combine(Updates.set("oauth.refreshingUntil", Date.from(until)), Updates.inc(VERSION, 1L))).getModifiedCount() == 1;
  }

  @Override
  public List<Connection> findReauthToAnnounce(Instant dueBefore, int limit) {
    return collection
        .find(and(
            lt("oauth.reauthDueAt", Date.from(dueBefore)),
            eq("oauth.reauthAnnouncedAt", null),
            Filters.ne("status", ConnectionStatus.REAUTH_REQUIRED.name())))
        .sort(Sorts.ascending("oauth.reauthDueAt"))
        .limit(limit)
        .map(ConnectionDocuments::fromDocument)
        .into(new ArrayList<>());
  }

  @Override
  public void markReauthAnnounced(String tenantId, String connectionId, Instant signedInAt, Instant at) {
    collection.updateOne(and(byId(tenantId, connectionId), eq("oauth.signedInAt", Date.from(signedInAt))),
        Updates.combine(Updates.set("oauth.reauthAnnouncedAt", Date.from(at)), Updates.inc(VERSION, 1L)));
  }

  @Override
  public void postpone(String tenantId, String connectionId, String mark, Instant until) {
    collection.updateOne(and(byId(tenantId, connectionId), eq(UNPUBLISHED_MARK, mark)), Updates.set(UNPUBLISHED_SINCE, Date.from(until)));
  }

  @Override
  public boolean markPublished(String tenantId, String connectionId, String mark) {
    return collection.updateOne(and(byId(tenantId, connectionId), eq(UNPUBLISHED_MARK, mark)), Updates.unset(UNPUBLISHED)).getModifiedCount() == 1;
  }

  @Override
  public List<PendingPublication.Waiting> findUnpublished(Instant storedBefore, int limit) {
    return collection
        .find(lt(UNPUBLISHED_SINCE, Date.from(storedBefore)))
        .sort(Sorts.ascending(UNPUBLISHED_SINCE))
        .limit(limit)
        .map(d -> {
          Document pending = d.get(UNPUBLISHED, Document.class);
          return new PendingPublication.Waiting(
              ConnectionDocuments.fromDocument(d),
              new PendingPublication(pending.getString("mark"), pending.getDate("since").toInstant()));
        })
        .into(new ArrayList<>());
  }

  private static Document pendingDocument(PendingPublication pending) {
    return new Document("mark", pending.mark()).append("since", Date.from(pending.since()));
  }

  @Override
  public Optional<Connection> find(String tenantId, String connectionId) {
    return Optional.ofNullable(collection.find(byId(tenantId, connectionId)).first()).map(ConnectionDocuments::fromDocument);
  }

  @Override
  public List<Connection> findOAuthRefreshDue(Instant expiringBefore, Instant now, int limit) {
    return collection
        .find(and(
            lt("oauth.accessTokenExpiresAt", Date.from(expiringBefore)),
            Filters.ne("status", ConnectionStatus.REAUTH_REQUIRED.name()),
            or(eq("oauth.refreshingUntil", null), lt("oauth.refreshingUntil", Date.from(now)))))
        .sort(Sorts.ascending("oauth.accessTokenExpiresAt"))
        .limit(limit)
        .map(ConnectionDocuments::fromDocument)
        .into(new ArrayList<>());
  }

  @Override
  public List<Connection> findAll(String tenantId) {
    return collection.find(eq("tenantId", tenantId)).sort(Sorts.ascending("createdAt")).map(ConnectionDocuments::fromDocument).into(new ArrayList<>());
  }

  @Override
  public boolean delete(String tenantId, String connectionId) {
    return collection.deleteOne(byId(tenantId, connectionId)).getDeletedCount() == 1;
  }

  @Override
  public void recordSync(SyncStatusReported report, ConnectionStatus status) {
    Date at = Date.from(report.occurredAt());
    List<Bson> updates = new ArrayList<>();
    updates.add(Updates.set("lastSync", new Document("at", at).append("status", report.status().name()).append("detail", report.detail())
        .append("reason", report.reason() == null ? null : report.reason().name())));
    // The worker logged in: a pass that set messages aside authenticated as much as one that did not.
    if (report.status() == SyncStatusReported.Status.OK || report.status() == SyncStatusReported.Status.MESSAGES_SET_ASIDE) {
      updates.add(Updates.set("lastAuthenticatedAt", at));
    }
    // Only passes that reconciled carry a completeness; the others leave the last one standing.
    if (report.completeness() != null) {
      updates.add(Updates.set("completeness", ConnectionDocuments.completeness(report.completeness())));
    }
    // A new version: an owner's change made from the state before (a password change setting CONNECTED) is applied
    // again to this one rather than writing the older status back.
    updates.add(Updates.inc(VERSION, 1L));
    Bson later = and(byId(report.tenantId(), report.connectionId()), or(exists("lastSync.at", false), lt("lastSync.at", at)));
    if (collection.updateOne(later, Updates.combine(updates)).getModifiedCount() == 1) {
      // A connection waiting for its owner to sign in again stays so, whatever a last pass before it reports.
      collection.updateOne(and(byId(report.tenantId(), report.connectionId()), Filters.ne("status", ConnectionStatus.REAUTH_REQUIRED.name())),
          Updates.set("status", status.name()));
    }
  }

  private static Bson byId(String tenantId, String connectionId) {
    return and(eq("_id", connectionId), eq("tenantId", tenantId));
  }

  /** The mapping both ways, in one place. */
  static final class ConnectionDocuments {

    private ConnectionDocuments() {}

    static Document toDocument(Connection c) {
      List<Document> folders =
          c.folders().stream()
              .map(f -> new Document("name", f.name()).append("specialUse", f.specialUse()).append("selected", f.selected())
                  .append("start", f.start() == null ? null : new Document("uidValidity", f.start().uidValidity()).append("uidNext", f.start().uidNext()))
                  .append("label", f.label()).append("sync", f.sync() == null ? null : f.sync().name()))
              .toList();
      Document lastSync =
          c.lastSync() == null
              ? null
              : new Document("at", Date.from(c.lastSync().at()))
                  .append("status", c.lastSync().status())
                  .append("reason", c.lastSync().reason())
                  .append("detail", c.lastSync().detail());
      return new Document("_id", c.id())
          .append("tenantId", c.tenantId())
          .append("ownerUserId", c.ownerUserId())
          .append("emailAddress", c.emailAddress())
          .append(
              "imap",
              new Document("host", c.imap().host())
                  .append("port", c.imap().port())
                  .append("security", c.imap().security().name())
                  .append("username", c.imap().username())
                  .append("auth", c.imap().auth().name()))
          .append("sealedPassword", c.sealedPassword())
          .append("folders", folders)
          .append("status", c.status().name())
          .append("createdAt", Date.from(c.createdAt()))
          .append("syncFrom", Date.from(c.syncFrom()))
          .append("resyncGeneration", c.resyncGeneration())
          .append("lastSync", lastSync)
          .append("lastAuthenticatedAt", c.lastAuthenticatedAt() == null ? null : Date.from(c.lastAuthenticatedAt()))
          .append("aliases", c.aliases())
          .append("backfill", c.backfill() == null ? null : new Document("all", c.backfill().all()).append("days", c.backfill().days()))
          .append("completeness", c.completeness() == null ? null : completeness(c.completeness()))
          .append(VERSION, c.version())
          .append("oauth", c.oauth() == null ? null : new Document("provider", c.oauth().provider())
              .append("sealedRefreshToken", c.oauth().sealedRefreshToken())
              .append("accessTokenExpiresAt", Date.from(c.oauth().accessTokenExpiresAt()))
              .append("refreshingUntil", c.oauth().refreshingUntil() == null ? null : Date.from(c.oauth().refreshingUntil()))
              .append("accessTokenObtainedAt", Date.from(c.oauth().accessTokenObtainedAt()))
              .append("signedInAt", Date.from(c.oauth().signedInAt()))
              .append("reauthDueAt", c.oauth().reauthDueAt() == null ? null : Date.from(c.oauth().reauthDueAt()))
              .append("reauthAnnouncedAt", c.oauth().reauthAnnouncedAt() == null ? null : Date.from(c.oauth().reauthAnnouncedAt())));
    }

    static Document completeness(SyncStatusReported.Completeness c) {
      return new Document("checkedAt", Date.from(c.checkedAt())).append("messages", c.messages()).append("missing", c.missing())
          .append("republished", c.republished());
    }

    private static SyncStatusReported.@Nullable Completeness completeness(@Nullable Document c) {
      return c == null
          ? null
          : new SyncStatusReported.Completeness(c.getDate("checkedAt").toInstant(), c.get("messages", Number.class).longValue(),
              c.get("missing", Number.class).longValue(), c.get("republished", Number.class).longValue());
    }

    private static ConnectionChanged.@Nullable FolderStart start(Document folder) {
      Document start = folder.get("start", Document.class);
      return start == null
          ? null
          : new ConnectionChanged.FolderStart(folder.getString("name"), start.get("uidValidity", Number.class).longValue(), start.get("uidNext", Number.class).longValue());
    }

    static Connection fromDocument(Document d) {
      Document imap = d.get("imap", Document.class);
      Document lastSync = d.get("lastSync", Document.class);
      Date lastAuthenticatedAt = d.getDate("lastAuthenticatedAt");
      return new Connection(
          d.getString("_id"),
          d.getString("tenantId"),
          d.getString("ownerUserId"),
          d.getString("emailAddress"),
          new ConnectionChanged.Imap(
              imap.getString("host"),
              imap.getInteger("port"),
              ImapSecurity.valueOf(imap.getString("security")),
              imap.getString("username"),
              // Stored before OAuth: a password.
              imap.getString("auth") == null ? ImapAuth.PASSWORD : ImapAuth.valueOf(imap.getString("auth"))),
          d.getString("sealedPassword"),
          d.getList("folders", Document.class).stream()
              .map(f -> new ConnectionFolder(f.getString("name"), f.getString("specialUse"), f.getBoolean("selected"), start(f),
                  f.getString("label"), f.getString("sync") == null ? null : FolderSync.valueOf(f.getString("sync"))))
              .toList(),
          ConnectionStatus.valueOf(d.getString("status")),
          d.getDate("createdAt").toInstant(),
          d.getDate("syncFrom").toInstant(),
          d.get("resyncGeneration", Number.class).longValue(),
          lastSync == null
              ? null
              : new Connection.SyncHealth(
                  lastSync.getDate("at").toInstant(), lastSync.getString("status"), lastSync.getString("detail"), lastSync.getString("reason")),
          lastAuthenticatedAt == null ? null : lastAuthenticatedAt.toInstant(),
          d.getList("aliases", String.class, List.of()),
          backfill(d.get("backfill", Document.class)),
          completeness(d.get("completeness", Document.class)),
          // Stored before connections had versions: the first.
          d.get(VERSION) instanceof Number version ? version.longValue() : 0,
          oauth(d.get("oauth", Document.class), d.getDate("createdAt").toInstant()));
    }

    private static @Nullable OAuthGrant oauth(@Nullable Document oauth, Instant createdAt) {
      return oauth == null
          ? null
          : new OAuthGrant(oauth.getString("provider"), oauth.getString("sealedRefreshToken"), oauth.getDate("accessTokenExpiresAt").toInstant(),
              instant(oauth, "refreshingUntil"),
              // Stored before these were kept: obtained long ago, signed in when connected.
              java.util.Objects.requireNonNullElse(instant(oauth, "accessTokenObtainedAt"), Instant.EPOCH),
              java.util.Objects.requireNonNullElse(instant(oauth, "signedInAt"), createdAt),
              instant(oauth, "reauthDueAt"),
              instant(oauth, "reauthAnnouncedAt"));
    }

    private static @Nullable Instant instant(Document document, String field) {
      Date date = document.getDate(field);
      return date == null ? null : date.toInstant();
    }

    private static ConnectionChanged.@Nullable Backfill backfill(@Nullable Document backfill) {
      return backfill == null ? null : new ConnectionChanged.Backfill(backfill.getBoolean("all"), backfill.getInteger("days"));
    }
  }
}
