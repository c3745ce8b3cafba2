package com.emailsync.connection.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.testsupport.MutableClock;
import com.emailsync.testsupport.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailboxConnectionsTest {

  private static final ConnectionChanged.Imap IMAP =
      new ConnectionChanged.Imap("imap.acme.example", 993, ImapSecurity.SSL, "sam@acme.example");
  /** What conn-1's password is sealed for. */
  private static final com.emailsync.events.secrets.CredentialBinding SAMS =
      new com.emailsync.events.secrets.CredentialBinding("acme", "conn-1", IMAP.host(), IMAP.username());

  private final InMemoryRepository repository = new InMemoryRepository();
  /** What the workers were told, in order: a ConnectionChanged, or the id of a deleted connection. */
  private final List<Object> published = new ArrayList<>();
  private boolean brokerDown;
  private Runnable duringNextPublish = () -> {};
  /** Runs while the mail server is being asked: the slow part of a change, when another change can come in. */
  private Runnable duringNextProbe = () -> {};
  /** Connections whose events the broker refuses, as it refuses a record over its size limit. */
  private final java.util.Set<String> refusedByTheBroker = new java.util.HashSet<>();
  private final java.util.Iterator<String> ids = java.util.stream.Stream.iterate(1, i -> i + 1).map(i -> "conn-" + i).iterator();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
  /** Each folder's UIDNEXT on the server now. */
  private final java.util.Map<String, Long> uidNext = new java.util.HashMap<>(java.util.Map.of("INBOX", 41L, "Sent Items", 9L, "Customers", 3L));
  private List<ConnectionFolder> serverFolders =
      List.of(
          new ConnectionFolder("INBOX", null, false),
          new ConnectionFolder("Sent Items", "\\Sent", false),
          new ConnectionFolder("Customers", null, false));

  private final MailboxConnections connections =
      new MailboxConnections(
          repository,
          (imap, password, recordStartOf) -> {
            if (!password.startsWith("right")) {
              throw new MailboxUnreachable(com.emailsync.events.MailboxFailureReason.AUTHENTICATION_FAILED, "rejected");
            }
            Runnable hook = duringNextProbe;
            duringNextProbe = () -> {};
            hook.run();
            return serverFolders.stream()
                .map(f -> recordStartOf.test(f) ? f.withStart(new ConnectionChanged.FolderStart(f.name(), 7, uidNext.getOrDefault(f.name(), 1L))) : f)
                .toList();
          },
          new ConnectionPublisher() {
            @Override
            public void published(ConnectionChanged event) throws PublishFailed {
              failIfBrokerDown();
              if (refusedByTheBroker.contains(event.connectionId())) {
                throw new PublishFailed("record too large", new RuntimeException());
              }
              // The hook's own publish lands before this one: the interleaving where an older state would win.
              Runnable hook = duringNextPublish;
              duringNextPublish = () -> {};
              hook.run();
              published.add(event);
            }

            @Override
            public void deleted(String connectionId) throws PublishFailed {
              failIfBrokerDown();
              published.add(connectionId);
            }

            @Override
            public void needsReauth(com.emailsync.events.ConnectionNeedsReauth notice) throws PublishFailed {
              failIfBrokerDown();
              published.add(notice);
            }

            @Override
            public void reauthDue(com.emailsync.events.ConnectionReauthDue notice) throws PublishFailed {
              failIfBrokerDown();
              published.add(notice);
            }

            private void failIfBrokerDown() throws PublishFailed {
              if (brokerDown) {
                throw new PublishFailed("down", new RuntimeException());
              }
            }
          },
          SecretBox.fromBase64Key(TestKeys.AT_REST),
          SecretBox.fromBase64Key(TestKeys.TRANSPORT),
          clock,
          ids::next);

  @Test
  void selectsInboxAndTheSentFolderByDefaultWhateverTheSentFolderIsCalled() throws Exception {
    Connection connection = connections.connect(newConnection("right"));

    assertThat(connection.selectedFolderNames()).containsExactly("INBOX", "Sent Items");
    assertThat(published).singleElement().satisfies(e -> assertThat(((ConnectionChanged) e).folders()).containsExactly("INBOX", "Sent Items"));
  }

  @Test
  void startsSyncingFromTheMomentOfConnecting() throws Exception {
    Connection connection = connections.connect(newConnection("right"));

    assertThat(connection.syncFrom()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
  }

  @Test
  void recordsWhereEachFolderStartsWhenItIsSelectedAndKeepsItWhileItStaysSelected() throws Exception {
    connections.connect(newConnection("right"));
    assertThat(lastPublished().folderStarts()).containsExactly(
        new ConnectionChanged.FolderStart("INBOX", 7, 41), new ConnectionChanged.FolderStart("Sent Items", 7, 9));

    uidNext.putAll(java.util.Map.of("INBOX", 50L, "Customers", 12L));
    connections.chooseFolders("acme", "conn-1", List.of("INBOX", "Customers"));

    assertThat(lastPublished().folderStarts()).as("INBOX keeps its start; Customers starts now; Sent Items is no longer synced").containsExactly(
        new ConnectionChanged.FolderStart("INBOX", 7, 41), new ConnectionChanged.FolderStart("Customers", 7, 12));
    assertThat(connections.get("acme", "conn-1").folderStarts()).isEqualTo(lastPublished().folderStarts());
  }

  @Test
  void theAccountsAliasesTravelWithTheConnectionAndCanBeChanged() throws Exception {
    connections.connect(new NewConnection("acme", "user-42", "sam@acme.example", IMAP, "right-password", List.of("sales@acme.example"), null));
    assertThat(lastPublished().aliases()).containsExactly("sales@acme.example");

    Connection changed = connections.changeAliases("acme", "conn-1", List.of("sales@acme.example", "sam.seller@acme.example"));

    assertThat(changed.aliases()).containsExactly("sales@acme.example", "sam.seller@acme.example");
    assertThat(lastPublished().aliases()).containsExactly("sales@acme.example", "sam.seller@acme.example");
  }

  @Test
  void theBackfillChosenAtConnectTravelsWithTheConnectionThroughLaterChanges() throws Exception {
    connections.connect(
        new NewConnection("acme", "user-42", "sam@acme.example", IMAP, "right-password", List.of(), ConnectionChanged.Backfill.ofDays(30)));
    assertThat(lastPublished().backfill()).isEqualTo(ConnectionChanged.Backfill.ofDays(30));

    connections.changeAliases("acme", "conn-1", List.of("sales@acme.example"));

    assertThat(lastPublished().backfill()).isEqualTo(ConnectionChanged.Backfill.ofDays(30));
    assertThat(connections.get("acme", "conn-1").backfill()).isEqualTo(ConnectionChanged.Backfill.ofDays(30));
  }

  @Test
  void storesNothingWhenTheLoginFails() {
    assertThatThrownBy(() -> connections.connect(newConnection("wrong"))).isInstanceOf(MailboxUnreachable.class);

    assertThat(repository.byId).isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void keepsAConnectionWhosePublicationTimedOutAndPublishesItOnceTheBrokerIsBack() throws Exception {
    brokerDown = true;

    // The record may still reach the topic after the timeout: undoing the connection would leave workers syncing a
    // connection no API lists or deletes.
    assertThatThrownBy(() -> connections.connect(newConnection("right")))
        .isInstanceOf(ConnectionPublisher.PublishFailed.class)
        .hasMessageContaining("saved as conn-1")
        .satisfies(e -> assertThat(((ConnectionPublisher.PublishFailed) e).savedConnectionId()).isEqualTo("conn-1"));
    assertThat(connections.list("acme")).extracting(Connection::id).containsExactly("conn-1");

    brokerDown = false;
    clock.advance(Duration.ofMinutes(1));
    assertThat(connections.republishPending(Duration.ofSeconds(20), 10)).isEqualTo(1);
    assertThat(lastPublished().connectionId()).isEqualTo("conn-1");
    assertThat(repository.pending).isEmpty();
  }

  @Test
  void aResyncRacingADeleteNeverBringsTheConnectionBack() throws Exception {
    connections.connect(newConnection("right"));
    // The delete lands between the resync's read and its write.
    repository.beforeNextUpdate = () -> {
      try {
        connections.delete("acme", "conn-1");
      } catch (ConnectionPublisher.PublishFailed e) {
        throw new AssertionError(e);
      }
    };

    assertThatThrownBy(() -> connections.resync("acme", "conn-1")).isInstanceOf(ConnectionNotFound.class);

    assertThat(repository.byId).isEmpty();
    assertThat(published).as("the delete is the last word").last().isEqualTo("conn-1");
  }

  @Test
  void aSlowFolderChangeRacingAPasswordChangeKeepsBothAndNeverTheOldPassword() throws Exception {
    connections.connect(newConnection("right"));
    // While the folder change lists the folders on the server, the owner changes the password.
    duringNextProbe = () -> {
      try {
        connections.changePassword("acme", "conn-1", "right-new");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };

    Connection changed = connections.chooseFolders("acme", "conn-1", List.of("INBOX", "Customers"));

    assertThat(changed.selectedFolderNames()).containsExactly("INBOX", "Customers");
    assertThat(SecretBox.fromBase64Key(TestKeys.AT_REST).open(repository.byId.get("conn-1").sealedPassword(), SAMS)).isEqualTo("right-new");
    assertThat(repository.byId.get("conn-1").selectedFolderNames()).containsExactly("INBOX", "Customers");
    assertThat(SecretBox.fromBase64Key(TestKeys.TRANSPORT).open(lastPublished().sealedCredential(), SAMS)).isEqualTo("right-new");
    assertThat(lastPublished().folders()).containsExactly("INBOX", "Customers");
  }

  @Test
  void aChangeTheBrokerKeepsRefusingDoesNotHoldBackTheOtherTenantsChanges() throws Exception {
    connections.connect(newConnection("right"));
    connections.connect(new NewConnection("globex", "user-7", "kim@globex.example", IMAP, "right"));
    brokerDown = true;
    assertThatThrownBy(() -> connections.resync("acme", "conn-1")).isInstanceOf(ConnectionPublisher.PublishFailed.class);
    clock.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> connections.resync("globex", "conn-2")).isInstanceOf(ConnectionPublisher.PublishFailed.class);
    brokerDown = false;
    refusedByTheBroker.add("conn-1");
    clock.advance(Duration.ofMinutes(1));

    assertThat(connections.republishPending(Duration.ofSeconds(20), 10)).isEqualTo(1);
    assertThat(lastPublished().connectionId()).isEqualTo("conn-2");
    assertThat(repository.pending).as("the refused one waits for a later round").containsOnlyKeys("conn-1");
    assertThat(repository.pending.get("conn-1").since()).as("put off behind the others").isAfter(clock.instant());
  }

  @Test
  void offersFoldersCreatedOnTheServerAfterConnecting() throws Exception {
    connections.connect(newConnection("right"));
    serverFolders = new ArrayList<>(serverFolders);
    serverFolders.add(new ConnectionFolder("Leads", null, false));

    Connection updated = connections.chooseFolders("acme", "conn-1", List.of("Leads", "INBOX"));

    assertThat(updated.selectedFolderNames()).containsExactly("INBOX", "Leads");
  }

  @Test
  void aChangeTheBrokerMissedIsKeptAndPublishedOnceTheBrokerIsBack() throws Exception {
    connections.connect(newConnection("right"));
    brokerDown = true;

    assertThatThrownBy(() -> connections.chooseFolders("acme", "conn-1", List.of("Customers")))
        .isInstanceOf(ConnectionPublisher.PublishFailed.class)
        .hasMessageContaining("saved");
    assertThat(connections.get("acme", "conn-1").selectedFolderNames()).containsExactly("Customers");

    brokerDown = false;
    clock.advance(Duration.ofSeconds(5));
    assertThat(connections.republishPending(Duration.ofSeconds(20), 10)).as("too young: maybe still in flight").isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(connections.republishPending(Duration.ofSeconds(20), 10)).isEqualTo(1);
    assertThat(lastPublished().folders()).containsExactly("Customers");

    assertThat(connections.republishPending(Duration.ofSeconds(20), 10)).as("published once, then cleared").isZero();
  }

  @Test
  void aRetryThatRacesANewerChangeLeavesTheNewerStateAsTheLastWord() throws Exception {
    connections.connect(newConnection("right"));
    brokerDown = true;
    assertThatThrownBy(() -> connections.chooseFolders("acme", "conn-1", List.of("Customers"))).isInstanceOf(ConnectionPublisher.PublishFailed.class);
    brokerDown = false;
    clock.advance(Duration.ofMinutes(1));
    // While the retry publishes the missed change, the user picks folders again, and that publish lands first.
    duringNextPublish = () -> {
      try {
        connections.chooseFolders("acme", "conn-1", List.of("INBOX", "Customers"));
      } catch (ConnectionPublisher.PublishFailed e) {
        throw new AssertionError(e);
      }
    };

    connections.republishPending(Duration.ofSeconds(20), 10);

    assertThat(lastPublished().folders()).containsExactly("INBOX", "Customers");
    assertThat(repository.pending).isEmpty();
  }

  @Test
  void aDeleteTheBrokerMissedKeepsTheConnectionSoItCanBeDeletedAgain() throws Exception {
    connections.connect(newConnection("right"));
    brokerDown = true;

    assertThatThrownBy(() -> connections.delete("acme", "conn-1")).isInstanceOf(ConnectionPublisher.PublishFailed.class);
    assertThat(connections.get("acme", "conn-1")).isNotNull();

    brokerDown = false;
    connections.delete("acme", "conn-1");
    assertThat(repository.byId).isEmpty();
    assertThat(published).last().isEqualTo("conn-1");
  }

  @Test
  void aNewPasswordIsCheckedWithTheServerBeforeItReplacesTheOldOne() throws Exception {
    connections.connect(newConnection("right"));
    repository.recordStatus("conn-1", ConnectionStatus.AUTHENTICATION_FAILED);
    int publishedBefore = published.size();

    assertThatThrownBy(() -> connections.changePassword("acme", "conn-1", "wrong")).isInstanceOf(MailboxUnreachable.class);
    assertThat(published).hasSize(publishedBefore);
    assertThat(SecretBox.fromBase64Key(TestKeys.AT_REST).open(repository.byId.get("conn-1").sealedPassword(), SAMS)).isEqualTo("right");

    Connection changed = connections.changePassword("acme", "conn-1", "right-again");

    assertThat(changed.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(SecretBox.fromBase64Key(TestKeys.AT_REST).open(repository.byId.get("conn-1").sealedPassword(), SAMS)).isEqualTo("right-again");
    assertThat(SecretBox.fromBase64Key(TestKeys.TRANSPORT).open(lastPublished().sealedCredential(), SAMS)).isEqualTo("right-again");
    assertThat(repository.pending).isEmpty();
  }

  @Test
  void mapsEachSyncOutcomeToAConnectionStatus() {
    assertThat(ConnectionStatus.after(SyncStatusReported.Status.OK)).isEqualTo(ConnectionStatus.SYNCING);
    assertThat(ConnectionStatus.after(SyncStatusReported.Status.AUTHENTICATION_FAILED))
        .isEqualTo(ConnectionStatus.AUTHENTICATION_FAILED);
  }

  private ConnectionChanged lastPublished() {
    return (ConnectionChanged) published.getLast();
  }

  @Test
  void aRefreshOfAGrantThatASignInReplacedMeanwhileStoresNothingAndMarksNothing() throws Exception {
    var imap = new ConnectionChanged.Imap(IMAP.host(), IMAP.port(), IMAP.security(), IMAP.username(), com.emailsync.events.ImapAuth.XOAUTH2);
    Connection connected = connections.connect(new NewConnection("acme", "user-42", "sam@acme.example", imap, "right-access-1", List.of(), null,
        new NewConnection.OAuthTokens("google", "refresh-1", clock.instant().plusSeconds(3600), Duration.ofDays(180))));
    clock.advance(Duration.ofMinutes(1));
    connections.signInAgain(connected, "right-access-2", new NewConnection.OAuthTokens("google", "refresh-2", clock.instant().plusSeconds(3600), Duration.ofDays(180)));

    // A refresh that read the connection before the new sign-in finishes after it.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> connections.renewAccessToken(connected, "right-access-stale", "refresh-stale", clock.instant().plusSeconds(3600), null))
        .isInstanceOf(MailboxConnections.GrantReplaced.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> connections.requireReauth(connected, "revoked"))
        .isInstanceOf(MailboxConnections.GrantReplaced.class);

    Connection stored = connections.get("acme", connected.id());
    assertThat(connections.refreshTokenOf(stored)).isEqualTo("refresh-2");
    assertThat(connections.accessTokenOf(stored)).isEqualTo("right-access-2");
    assertThat(stored.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(stored.oauth().reauthDueAt()).isEqualTo(clock.instant().plus(Duration.ofDays(180)));
  }

  private static NewConnection newConnection(String password) {
    return new NewConnection("acme", "user-42", "sam@acme.example", IMAP, password);
  }

  private static final class InMemoryRepository implements ConnectionRepository {
    final Map<String, Connection> byId = new HashMap<>();
    final Map<String, PendingPublication> pending = new HashMap<>();
    Runnable beforeNextUpdate = () -> {};

    @Override
    public void insert(Connection connection, PendingPublication publication) {
      byId.put(connection.id(), connection);
      pending.put(connection.id(), publication);
    }

    @Override
    public boolean update(Connection connection, PendingPublication publication) {
      Runnable hook = beforeNextUpdate;
      beforeNextUpdate = () -> {};
      hook.run();
      Connection stored = byId.get(connection.id());
      if (stored == null || stored.version() != connection.version()) {
        return false;
      }
      byId.put(connection.id(), connection.stored());
      pending.put(connection.id(), publication);
      return true;
    }

    @Override
    public boolean claimRefresh(String tenantId, String connectionId, long version, Instant until) {
      return false;
    }

    @Override
    public void postpone(String tenantId, String connectionId, String mark, Instant until) {
      if (pending.containsKey(connectionId) && pending.get(connectionId).mark().equals(mark)) {
        pending.put(connectionId, new PendingPublication(mark, until));
      }
    }

    @Override
    public boolean markPublished(String tenantId, String connectionId, String mark) {
      return pending.containsKey(connectionId) && pending.get(connectionId).mark().equals(mark) && pending.remove(connectionId) != null;
    }

    @Override
    public List<PendingPublication.Waiting> findUnpublished(Instant storedBefore, int limit) {
      return pending.entrySet().stream()
          .filter(e -> e.getValue().since().isBefore(storedBefore))
          .sorted(java.util.Comparator.comparing(e -> e.getValue().since()))
          .map(e -> new PendingPublication.Waiting(byId.get(e.getKey()), e.getValue()))
          .limit(limit)
          .toList();
    }

    @Override
    public Optional<Connection> find(String tenantId, String connectionId) {
      return Optional.ofNullable(byId.get(connectionId)).filter(c -> c.tenantId().equals(tenantId));
    }

    @Override
    public List<Connection> findOAuthRefreshDue(Instant expiringBefore, Instant now, int limit) {
      return byId.values().stream().filter(c -> c.oauth() != null && c.oauth().accessTokenExpiresAt().isBefore(expiringBefore)).limit(limit).toList();
    }

    @Override
    public List<Connection> findReauthToAnnounce(Instant dueBefore, int limit) {
      return byId.values().stream()
          .filter(c -> c.oauth() != null && c.oauth().reauthDueAt() != null && c.oauth().reauthDueAt().isBefore(dueBefore) && c.oauth().reauthAnnouncedAt() == null)
          .limit(limit).toList();
    }

    @Override
    public void markReauthAnnounced(String tenantId, String connectionId, Instant signedInAt, Instant at) {
      Connection c = byId.get(connectionId);
      if (c != null && c.oauth() != null && c.oauth().signedInAt().equals(signedInAt)) {
        var g = c.oauth();
        byId.put(connectionId, new Connection(c.id(), c.tenantId(), c.ownerUserId(), c.emailAddress(), c.imap(), c.sealedPassword(), c.folders(), c.status(),
            c.createdAt(), c.syncFrom(), c.resyncGeneration(), c.lastSync(), c.lastAuthenticatedAt(), c.aliases(), c.backfill(), c.completeness(), c.version() + 1,
            new com.emailsync.connection.mailbox.OAuthGrant(g.provider(), g.sealedRefreshToken(), g.accessTokenExpiresAt(), g.refreshingUntil(),
                g.accessTokenObtainedAt(), g.signedInAt(), g.reauthDueAt(), at)));
      }
    }

    @Override
    public List<Connection> findAll(String tenantId) {
      return byId.values().stream().filter(c -> c.tenantId().equals(tenantId)).toList();
    }

    @Override
    public boolean delete(String tenantId, String connectionId) {
      pending.remove(connectionId);
      return byId.remove(connectionId) != null;
    }

    @Override
    public void recordSync(SyncStatusReported report, ConnectionStatus status) {}

    void recordStatus(String connectionId, ConnectionStatus status) {
      Connection c = byId.get(connectionId);
      byId.put(connectionId, new Connection(
          c.id(), c.tenantId(), c.ownerUserId(), c.emailAddress(), c.imap(), c.sealedPassword(), c.folders(), status,
          c.createdAt(), c.syncFrom(), c.resyncGeneration(), c.lastSync(), c.lastAuthenticatedAt(), c.aliases(), c.backfill(), c.completeness(),
          c.version() + 1));
    }
  }
}
