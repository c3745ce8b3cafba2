package com.emailsync.connection.mailbox.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.connection.mailbox.Connection;
import com.emailsync.connection.mailbox.ConnectionFolder;
import com.emailsync.connection.mailbox.ConnectionRepository;
import com.emailsync.connection.mailbox.ConnectionStatus;
import com.emailsync.connection.mailbox.PendingPublication;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import com.emailsync.events.SyncStatusReported;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every ConnectionRepository must do, run against each store it is implemented for. */
interface ConnectionRepositoryContract {

  ConnectionRepository repository();

  Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  default void keepsAConnectionWithinItsTenant() {
    Connection connection = connection("tenant-a");
    repository().insert(connection, new PendingPublication("m-1", T0));

    assertThat(repository().find("tenant-a", connection.id())).contains(connection);
    assertThat(repository().find("tenant-b", connection.id())).isEmpty();
    assertThat(repository().delete("tenant-b", connection.id())).isFalse();
  }

  @Test
  default void recordsASyncOutcomeButNeverAnOlderOneOverANewerOne() {
    Connection connection = connection("tenant-a");
    repository().insert(connection, new PendingPublication("m-1", T0));
    Instant later = Instant.parse("2026-11-22T10:05:00Z");

    repository().recordSync(report(connection, SyncStatusReported.Status.OK, later), ConnectionStatus.SYNCING);
    repository().recordSync(report(connection, SyncStatusReported.Status.AUTHENTICATION_FAILED, later.minusSeconds(60)), ConnectionStatus.AUTHENTICATION_FAILED);

    Connection stored = repository().find("tenant-a", connection.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(ConnectionStatus.SYNCING);
    assertThat(stored.lastSync().status()).isEqualTo("OK");
    assertThat(stored.lastAuthenticatedAt()).isEqualTo(later);
  }

  @Test
  default void keepsTheLatestCompletenessThroughPassesThatDidNotReconcile() {
    Connection connection = connection("tenant-a");
    repository().insert(connection, new PendingPublication("m-1", T0));
    var found = new SyncStatusReported.Completeness(Instant.parse("2026-11-22T10:05:00Z"), 1250, 2, 2);

    repository().recordSync(new SyncStatusReported(UUID.randomUUID(), Instant.parse("2026-11-22T10:05:00Z"), connection.id(), "tenant-a",
        SyncStatusReported.Status.OK, null, 2, found), ConnectionStatus.SYNCING);
    repository().recordSync(report(connection, SyncStatusReported.Status.OK, Instant.parse("2026-11-22T10:06:00Z")), ConnectionStatus.SYNCING);

    Connection stored = repository().find("tenant-a", connection.id()).orElseThrow();
    assertThat(stored.completeness()).isEqualTo(found);
    assertThat(stored.lastSync().at()).isEqualTo(Instant.parse("2026-11-22T10:06:00Z"));
  }

  @Test
  default void aChangeStaysUnpublishedUntilItsOwnMarkIsCleared() {
    Connection connection = connection("tenant-a");
    repository().insert(connection, new PendingPublication("m-create", T0));
    Connection changed = new Connection(
        connection.id(), connection.tenantId(), connection.ownerUserId(), connection.emailAddress(), connection.imap(),
        connection.sealedPassword(), List.of(new ConnectionFolder("INBOX", null, true)), connection.status(),
        connection.createdAt(), connection.syncFrom(), 1, null, null, connection.aliases(), connection.backfill(), null, connection.version());
    assertThat(repository().update(changed, new PendingPublication("m-change", T0.plusSeconds(5)))).isTrue();

    assertThat(repository().markPublished("tenant-a", connection.id(), "m-create")).as("an older change's mark").isFalse();
    assertThat(unpublishedIds(T0.plusSeconds(5))).as("stored before the cut-off only").doesNotContain(connection.id());
    assertThat(repository().findUnpublished(T0.plusSeconds(6), 10))
        .filteredOn(w -> w.connection().id().equals(connection.id()))
        .singleElement()
        .satisfies(w -> {
          assertThat(w.pending().mark()).isEqualTo("m-change");
          assertThat(w.connection().folders()).isEqualTo(changed.folders());
          assertThat(w.connection().version()).isEqualTo(changed.version() + 1);
        });

    assertThat(repository().markPublished("tenant-b", connection.id(), "m-change")).as("another tenant's").isFalse();
    assertThat(repository().markPublished("tenant-a", connection.id(), "m-change")).isTrue();
    assertThat(unpublishedIds(T0.plusSeconds(60))).doesNotContain(connection.id());
    assertThat(repository().find("tenant-a", connection.id())).hasValueSatisfying(stored -> assertThat(stored.resyncGeneration()).isEqualTo(1));
  }

  @Test
  default void aChangeMadeFromAnOlderVersionIsNotStoredAndTheWorkersReportsStay() {
    Connection connection = connection("tenant-a");
    repository().insert(connection, new PendingPublication("m-create", T0));
    repository().recordSync(report(connection, SyncStatusReported.Status.AUTHENTICATION_FAILED, T0.plusSeconds(1)), ConnectionStatus.AUTHENTICATION_FAILED);
    Connection reported = repository().find("tenant-a", connection.id()).orElseThrow();

    assertThat(reported.version()).as("a sync report is a new version").isEqualTo(connection.version() + 1);
    assertThat(repository().update(withAliases(connection, "old@acme.example"), new PendingPublication("m-stale", T0.plusSeconds(2))))
        .as("made from the version before the report").isFalse();
    assertThat(repository().find("tenant-a", connection.id()).orElseThrow().aliases()).containsExactly("sales@acme.example");

    assertThat(repository().update(withAliases(reported, "new@acme.example"), new PendingPublication("m-fresh", T0.plusSeconds(3)))).isTrue();
    Connection stored = repository().find("tenant-a", connection.id()).orElseThrow();
    assertThat(stored.aliases()).containsExactly("new@acme.example");
    assertThat(stored.lastSync().status()).as("the worker's report is not written back").isEqualTo("AUTHENTICATION_FAILED");
    assertThat(repository().update(withAliases(connection("tenant-a"), "x@acme.example"), new PendingPublication("m-gone", T0))).as("no such connection").isFalse();
  }

  @Test
  default void keepsAnOAuthGrantWholeAndFindsTheReconsentsToAnnounceOncePerSignIn() {
    Instant signedIn = T0.minus(java.time.Duration.ofDays(170));
    var grant = com.emailsync.connection.mailbox.OAuthGrant.signedIn("google", "v1:sealed-refresh", T0.plusSeconds(3600), signedIn, java.time.Duration.ofDays(180));
    Connection dueSoon = withGrant(connection("tenant-a"), grant);
    Connection dueLater = withGrant(connection("tenant-a"),
        com.emailsync.connection.mailbox.OAuthGrant.signedIn("google", "v1:sealed-refresh", T0.plusSeconds(3600), T0, java.time.Duration.ofDays(180)));
    Connection neverDue = withGrant(connection("tenant-a"),
        com.emailsync.connection.mailbox.OAuthGrant.signedIn("microsoft", "v1:sealed-refresh", T0.plusSeconds(3600), signedIn, null));
    for (Connection c : List.of(dueSoon, dueLater, neverDue)) {
      repository().insert(c, new PendingPublication("m-" + c.id(), T0));
    }

    assertThat(repository().find("tenant-a", dueSoon.id()).orElseThrow().oauth()).isEqualTo(grant);
    Instant withinTwoWeeks = T0.plus(java.time.Duration.ofDays(14));
    assertThat(repository().findReauthToAnnounce(withinTwoWeeks, 100)).extracting(Connection::id).contains(dueSoon.id())
        .doesNotContain(dueLater.id(), neverDue.id());

    repository().markReauthAnnounced("tenant-a", dueSoon.id(), signedIn.minusSeconds(1), T0);
    assertThat(repository().findReauthToAnnounce(withinTwoWeeks, 100)).as("marked for another sign-in: still to announce")
        .extracting(Connection::id).contains(dueSoon.id());
    repository().markReauthAnnounced("tenant-a", dueSoon.id(), signedIn, T0);
    assertThat(repository().findReauthToAnnounce(withinTwoWeeks, 100)).extracting(Connection::id).doesNotContain(dueSoon.id());
    assertThat(repository().find("tenant-a", dueSoon.id()).orElseThrow().oauth().reauthAnnouncedAt()).isEqualTo(T0);
  }

  @Test
  default void onlyOneInstanceClaimsAGrantsRefreshAtATime() {
    var grant = com.emailsync.connection.mailbox.OAuthGrant.signedIn("google", "v1:sealed-refresh", T0.plusSeconds(300), T0, null);
    Connection due = withGrant(connection("tenant-a"), grant);
    repository().insert(due, new PendingPublication("m-" + due.id(), T0));
    Connection read = repository().find("tenant-a", due.id()).orElseThrow();

    // Two instances read the same version and both try to claim it.
    boolean first = repository().claimRefresh("tenant-a", due.id(), read.version(), T0.plusSeconds(120));
    boolean second = repository().claimRefresh("tenant-a", due.id(), read.version(), T0.plusSeconds(120));

    assertThat(first).isTrue();
    assertThat(second).as("the version moved on with the first claim").isFalse();
    assertThat(repository().findOAuthRefreshDue(T0.plusSeconds(600), T0, 100)).as("claimed: not due while the claim lasts")
        .extracting(Connection::id).doesNotContain(due.id());
    assertThat(repository().findOAuthRefreshDue(T0.plusSeconds(600), T0.plusSeconds(121), 100)).as("the claim ran out")
        .extracting(Connection::id).contains(due.id());
  }

  private static Connection withGrant(Connection c, com.emailsync.connection.mailbox.OAuthGrant grant) {
    return new Connection(c.id(), c.tenantId(), c.ownerUserId(), c.emailAddress(), c.imap(), c.sealedPassword(), c.folders(), c.status(),
        c.createdAt(), c.syncFrom(), c.resyncGeneration(), c.lastSync(), c.lastAuthenticatedAt(), c.aliases(), c.backfill(), c.completeness(), c.version(), grant);
  }

  private static Connection withAliases(Connection c, String alias) {
    return new Connection(c.id(), c.tenantId(), c.ownerUserId(), c.emailAddress(), c.imap(), c.sealedPassword(), c.folders(), c.status(),
        c.createdAt(), c.syncFrom(), c.resyncGeneration(), c.lastSync(), c.lastAuthenticatedAt(), List.of(alias), c.backfill(), c.completeness(), c.version());
  }

  private List<String> unpublishedIds(Instant storedBefore) {
    return repository().findUnpublished(storedBefore, 100).stream().map(w -> w.connection().id()).toList();
  }

  private static SyncStatusReported report(Connection c, SyncStatusReported.Status status, Instant at) {
    return new SyncStatusReported(UUID.randomUUID(), at, c.id(), c.tenantId(), status, null, 0);
  }

  private static Connection connection(String tenantId) {
    return new Connection(
        UUID.randomUUID().toString(), tenantId, "user-1", "sam@acme.example",
        new ConnectionChanged.Imap("imap.acme.example", 993, ImapSecurity.SSL, "sam@acme.example"),
        "v1:sealed", List.of(new ConnectionFolder("INBOX", null, true, new ConnectionChanged.FolderStart("INBOX", 1700000000L, 42)), new ConnectionFolder("[Gmail]/Sent Mail", "\\Sent", true, null, "Sent Mail", com.emailsync.connection.mailbox.FolderSync.CHECKED)),
        ConnectionStatus.CONNECTED, Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:00:00Z"), 0, null, null,
        List.of("sales@acme.example"), ConnectionChanged.Backfill.ofDays(90), null, 1);
  }
}
