package com.emailsync.contacthistory.catchup.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.emailsync.contacthistory.catchup.PendingCatchUp;
import com.emailsync.contacthistory.catchup.PendingCatchUps;
import com.emailsync.events.MailboxLocation;
import com.emailsync.events.StableId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every PendingCatchUps must do, run against each store it is implemented for. */
interface PendingCatchUpsContract {

  Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  Duration LEASE = Duration.ofMinutes(2);

  /** A fresh, empty store. */
  PendingCatchUps pending();

  static PendingCatchUp pendingCatchUp(String tenantId, String contactId, String messageId, Instant nextAttemptAt) {
    return new PendingCatchUp(
        StableId.of(tenantId, contactId, messageId), tenantId, contactId, messageId, "conn-1", new MailboxLocation("INBOX", 7, 42), nextAttemptAt, 1);
  }

  @Test
  default void claimsOnlyThoseDueOldestFirstAndAtMostTheLimit() {
    PendingCatchUps pending = pending();
    pending.save(pendingCatchUp("t1", "erin", "m-recent", NOW.minusSeconds(60)));
    pending.save(pendingCatchUp("t1", "erin", "m-not-due", NOW.plusSeconds(60)));
    pending.save(pendingCatchUp("t1", "erin", "m-oldest", NOW.minusSeconds(600)));
    pending.save(pendingCatchUp("t1", "erin", "m-middle", NOW.minusSeconds(300)));

    assertThat(pending.claimDue(NOW, LEASE, 2)).extracting(PendingCatchUp::messageId).containsExactly("m-oldest", "m-middle");
    assertThat(pending.claimDue(NOW, LEASE, 10)).extracting(PendingCatchUp::messageId).containsExactly("m-recent");
  }

  @Test
  default void aClaimGivesBackWhatWasSavedAndNoOneElseGetsItUntilTheLeaseEnds() {
    PendingCatchUps pending = pending();
    PendingCatchUp saved = new PendingCatchUp(
        StableId.of("t1", "erin", "m-1"), "t1", "erin", "m-1", "conn-7", new MailboxLocation("Customers", 1_700_000_000_123L, 9_000_000_001L), NOW, 3);
    pending.save(saved);

    assertThat(pending.claimDue(NOW, LEASE, 10)).singleElement().usingRecursiveComparison().ignoringFields("nextAttemptAt").isEqualTo(saved);
    assertThat(pending.claimDue(NOW.plus(LEASE).minusSeconds(1), LEASE, 10)).as("held by the first claim").isEmpty();
    assertThat(pending.claimDue(NOW.plus(LEASE).plusSeconds(1), LEASE, 10)).as("its lease ran out")
        .extracting(PendingCatchUp::entryId).containsExactly(saved.entryId());
  }

  @Test
  default void savingTheSameCatchUpAgainReplacesItWithItsNextAttempt() {
    PendingCatchUps pending = pending();
    PendingCatchUp first = pendingCatchUp("t1", "erin", "m-1", NOW);
    pending.save(first);

    pending.save(first.askedAgain(NOW, LEASE));

    assertThat(pending.claimDue(NOW.plus(LEASE), LEASE, 10)).as("its next attempt is two leases away").isEmpty();
    assertThat(pending.claimDue(NOW.plus(LEASE.multipliedBy(2)), LEASE, 10)).singleElement()
        .extracting(PendingCatchUp::entryId, PendingCatchUp::attempts).containsExactly(first.entryId(), 2);
  }

  @Test
  default void aDeletedCatchUpIsNeverClaimed() {
    PendingCatchUps pending = pending();
    PendingCatchUp settled = pendingCatchUp("t1", "erin", "m-settled", NOW.minusSeconds(60));
    pending.save(settled);
    pending.save(pendingCatchUp("t1", "erin", "m-open", NOW.minusSeconds(30)));

    pending.delete(settled.entryId());

    assertThat(pending.claimDue(NOW, LEASE, 10)).extracting(PendingCatchUp::messageId).containsExactly("m-open");
  }

  @Test
  default void forgettingAContactLeavesOtherContactsAndTenantsAlone() {
    PendingCatchUps pending = pending();
    pending.save(pendingCatchUp("t1", "erin", "m-1", NOW.minusSeconds(60)));
    pending.save(pendingCatchUp("t1", "erin", "m-2", NOW.minusSeconds(50)));
    pending.save(pendingCatchUp("t1", "dave", "m-1", NOW.minusSeconds(40)));
    pending.save(pendingCatchUp("t2", "erin", "m-1", NOW.minusSeconds(30)));

    pending.deleteOfContact("t1", "erin");

    assertThat(pending.claimDue(NOW, LEASE, 10)).extracting(PendingCatchUp::tenantId, PendingCatchUp::contactId)
        .containsExactly(tuple("t1", "dave"), tuple("t2", "erin"));
  }
}
