package com.emailsync.syncworker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EventMother;
import com.emailsync.events.MailboxLocation;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AssignedConnectionsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
  private final AssignedConnections assigned = new AssignedConnections(clock, Duration.ofMinutes(1), Duration.ofHours(1));
  private final Mailbox connection = Mailbox.of(EventMother.connectionChanged(), 0);

  @Test
  void aNewConnectionIsDueAtOnceAndThenEveryPollInterval() {
    assigned.assign(connection);
    assertThat(assigned.claimDue()).containsExactly(connection);
    assertThat(assigned.claimDue()).as("not twice while running").isEmpty();

    assigned.done(connection, SyncStatusReported.Status.OK);
    clock.advance(Duration.ofSeconds(59));
    assertThat(assigned.claimDue()).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(assigned.claimDue()).containsExactly(connection);
  }

  @Test
  void aRejectedPasswordIsNotTriedAgainEveryPollIntervalButAChangedConnectionIsTriedAtOnce() {
    assigned.assign(connection);
    assigned.claimDue();

    assigned.done(connection, SyncStatusReported.Status.AUTHENTICATION_FAILED);
    clock.advance(Duration.ofMinutes(30));
    assertThat(assigned.claimDue()).isEmpty();

    var withNewPassword = Mailbox.of(new ConnectionChanged(
        UUID.randomUUID(), clock.instant(), connection.connectionId(), connection.tenantId(), connection.ownerUserId(), connection.emailAddress(),
        connection.imap(), "v1:new-sealed-password", connection.folders(), connection.syncFrom(), connection.resyncGeneration(), true), 0);
    assigned.assign(withNewPassword);
    assertThat(assigned.claimDue()).containsExactly(withNewPassword);
  }

  @Test
  void aConnectionTakenOverWaitsOutThePreviousOwnersHoldForTheSamePasswordOnly() {
    var hold = new SyncHold(connection.connectionId(), SyncStatusReported.Status.AUTHENTICATION_FAILED, "tag-of-rejected",
        clock.instant().plus(Duration.ofMinutes(40)), Duration.ofHours(1));
    var takingOver = new AssignedConnections(clock, Duration.ofMinutes(1), Duration.ofHours(1), id -> java.util.Optional.of(hold));

    takingOver.assign(connection, "tag-of-rejected");
    assertThat(takingOver.isHeld(connection.connectionId())).as("its watch waits too").isTrue();
    assertThat(takingOver.claimDue()).isEmpty();
    clock.advance(Duration.ofMinutes(40));
    assertThat(takingOver.claimDue()).containsExactly(connection);

    var withNewPassword = new AssignedConnections(clock, Duration.ofMinutes(1), Duration.ofHours(1),
        id -> java.util.Optional.of(new SyncHold(id, SyncStatusReported.Status.AUTHENTICATION_FAILED, "tag-of-rejected", clock.instant().plus(Duration.ofMinutes(40)), Duration.ofHours(1))));
    withNewPassword.assign(connection, "tag-of-a-new-password");
    assertThat(withNewPassword.isHeld(connection.connectionId())).isFalse();
    assertThat(withNewPassword.claimDue()).containsExactly(connection);
  }

  @Test
  void aPassThatEndsAHoldTakesItBackAndOnlyThen() {
    assigned.assign(connection, "tag");
    assigned.claimDue();

    SyncHold.Change rejected = assigned.done(connection, SyncStatusReported.Status.AUTHENTICATION_FAILED);
    assertThat(rejected).isInstanceOfSatisfying(SyncHold.Change.Hold.class, held -> {
      assertThat(held.hold().credentialTag()).isEqualTo("tag");
      assertThat(held.hold().until()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    });
    clock.advance(Duration.ofHours(1));
    assigned.claimDue();
    assertThat(assigned.done(connection, SyncStatusReported.Status.OK)).isEqualTo(new SyncHold.Change.Release(connection.connectionId()));
    clock.advance(Duration.ofMinutes(1));
    assigned.claimDue();
    assertThat(assigned.done(connection, SyncStatusReported.Status.OK)).isEqualTo(SyncHold.Change.NONE);
  }

  @Test
  void otherFailuresAreRetriedAfterThePollInterval() {
    assigned.assign(connection);
    assigned.claimDue();

    assigned.done(connection, SyncStatusReported.Status.CONNECTION_FAILED);
    clock.advance(Duration.ofMinutes(1));
    assertThat(assigned.claimDue()).containsExactly(connection);
  }

  @Test
  void aRereadForAnOwnedConnectionMakesItDueAtOnceAndIsHandedOverOnce() {
    var reread = new Reread(new MailboxLocation("INBOX", 7, 42), "m-1@customer.example");
    assertThat(assigned.requestReread(connection.tenantId(), connection.connectionId(), reread)).as("not this worker's connection").isFalse();
    assigned.assign(connection);
    assigned.claimDue();
    assigned.done(connection, SyncStatusReported.Status.OK);
    assertThat(assigned.claimDue()).isEmpty();

    assertThat(assigned.requestReread("another-tenant", connection.connectionId(), reread)).as("another tenant's request").isFalse();
    assertThat(assigned.requestReread(connection.tenantId(), connection.connectionId(), reread)).isTrue();

    assertThat(assigned.claimDue()).containsExactly(connection);
    assertThat(assigned.takeRereads(connection.connectionId())).containsExactly(reread);
    assertThat(assigned.takeRereads(connection.connectionId())).isEmpty();
  }

  @Test
  void aRereadAskedForDuringAPassMakesTheConnectionDueAgainRightAfterIt() {
    assigned.assign(connection);
    assigned.claimDue();
    assigned.requestReread(connection.tenantId(), connection.connectionId(), new Reread(new MailboxLocation("INBOX", 7, 42), "m-1@customer.example"));

    assigned.done(connection, SyncStatusReported.Status.OK);

    assertThat(assigned.claimDue()).containsExactly(connection);
  }

  @Test
  void aRereadDoesNotCutShortTheWaitAfterARejectedPassword() {
    assigned.assign(connection);
    assigned.claimDue();
    assigned.done(connection, SyncStatusReported.Status.AUTHENTICATION_FAILED);

    assigned.requestReread(connection.tenantId(), connection.connectionId(), new Reread(new MailboxLocation("INBOX", 7, 42), "m-1@customer.example"));

    assertThat(assigned.claimDue()).isEmpty();
    clock.advance(Duration.ofHours(1));
    assertThat(assigned.claimDue()).containsExactly(connection);
  }

  @Test
  void newMailMakesTheConnectionDueAtOnceOrRightAfterTheRunningPass() {
    assigned.assign(connection);
    assigned.claimDue();
    assigned.done(connection, SyncStatusReported.Status.OK);
    assertThat(assigned.claimDue()).as("polled a moment ago").isEmpty();

    assigned.newMail(connection.connectionId());
    assertThat(assigned.claimDue()).containsExactly(connection);

    assigned.newMail(connection.connectionId());
    assigned.done(connection, SyncStatusReported.Status.OK);
    assertThat(assigned.claimDue()).as("the mail may have landed after the pass read the folder").containsExactly(connection);
    assigned.done(connection, SyncStatusReported.Status.OK);
    assertThat(assigned.claimDue()).isEmpty();
  }

  @Test
  void newMailThatMakesAConnectionDueTellsTheSchedulerAtOnceRatherThanAtItsNextTick() {
    var told = new java.util.concurrent.atomic.AtomicInteger();
    assigned.whenDueAtOnce(told::incrementAndGet);
    assigned.assign(connection);
    assigned.claimDue();
    assigned.done(connection, SyncStatusReported.Status.OK);

    assigned.newMail(connection.connectionId());
    assertThat(told).hasValue(1);
    assigned.claimDue();
    assigned.newMail(connection.connectionId());
    assertThat(told).as("a running pass is followed by another when it ends, not doubled").hasValue(1);
    assigned.done(connection, SyncStatusReported.Status.AUTHENTICATION_FAILED);
    assigned.newMail(connection.connectionId());
    assertThat(told).as("a rejected password waits").hasValue(1);
  }

  @Test
  void newMailDoesNotCutShortTheWaitAfterARejectedPasswordAndTheSameConnectionReadAgainChangesNothing() {
    assertThat(assigned.assign(connection)).isTrue();
    assertThat(assigned.assign(connection)).as("the same record read again after a rebalance").isFalse();
    assigned.claimDue();
    assigned.done(connection, SyncStatusReported.Status.AUTHENTICATION_FAILED);

    assigned.newMail(connection.connectionId());

    assertThat(assigned.claimDue()).isEmpty();
  }

  @Test
  void aProviderThatAsksToSlowDownGetsMoreRoomEachTimeUntilAPassGetsThrough() {
    assigned.assign(connection);
    assigned.claimDue();
    assigned.done(connection, SyncStatusReported.Status.THROTTLED);
    assigned.newMail(connection.connectionId());
    clock.advance(Duration.ofSeconds(59));
    assertThat(assigned.claimDue()).as("new mail does not cut the wait short").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(assigned.claimDue()).containsExactly(connection);

    assigned.done(connection, SyncStatusReported.Status.THROTTLED);
    clock.advance(Duration.ofMinutes(1));
    assertThat(assigned.claimDue()).as("twice as long the second time").isEmpty();
    clock.advance(Duration.ofMinutes(1));
    assertThat(assigned.claimDue()).containsExactly(connection);

    assigned.done(connection, SyncStatusReported.Status.OK);
    assigned.newMail(connection.connectionId());
    assertThat(assigned.claimDue()).as("through again: back to real time").containsExactly(connection);
  }
}
