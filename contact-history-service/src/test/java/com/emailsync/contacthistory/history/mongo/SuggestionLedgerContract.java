package com.emailsync.contacthistory.history.mongo;

import static com.emailsync.contacthistory.history.HistoryRepository.Stored.DUPLICATE;
import static com.emailsync.contacthistory.history.HistoryRepository.Stored.NEW;
import static com.emailsync.contacthistory.history.HistoryRepository.Stored.REDELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.contacthistory.history.SuggestionLedger;
import com.emailsync.events.ContactSuggested;
import com.emailsync.events.EmailEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every SuggestionLedger must do, run against each store it is implemented for. */
interface SuggestionLedgerContract {

  Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  /** A fresh, empty ledger. */
  SuggestionLedger ledger();

  /** A suggestion of the address from a mail of its own (a new event each call). */
  static ContactSuggested suggestion(String tenantId, String address) {
    return new ContactSuggested(
        UUID.randomUUID(), NOW, tenantId, address, null, "conn-1", "user-1", EmailEvent.Direction.SENT, "m-" + UUID.randomUUID(), NOW.minusSeconds(60));
  }

  @Test
  default void recordsAPersonOnceAndTellsTheSameSuggestionAgainFromOneMadeFromOtherMail() {
    SuggestionLedger ledger = ledger();
    ContactSuggested pat = suggestion("t1", "pat@partner.example");
    assertThat(ledger.record(List.of(pat))).containsExactly(NEW);

    assertThat(ledger.record(List.of(suggestion("t1", "lee@prospect.example"), pat, suggestion("t1", "pat@partner.example"))))
        .containsExactly(NEW, REDELIVERED, DUPLICATE);
  }

  @Test
  default void ofTwoSuggestionsOfOnePersonInOneCallTheFirstIsRecorded() {
    SuggestionLedger ledger = ledger();
    ContactSuggested first = suggestion("t1", "pat@partner.example");
    ContactSuggested second = suggestion("t1", "pat@partner.example");

    assertThat(ledger.record(List.of(first, second))).containsExactly(NEW, DUPLICATE);
    assertThat(ledger.record(List.of(second, first))).containsExactly(DUPLICATE, REDELIVERED);
  }

  @Test
  default void keepsTheSamePersonApartPerTenant() {
    SuggestionLedger ledger = ledger();

    assertThat(ledger.record(List.of(suggestion("t1", "pat@partner.example"), suggestion("t2", "pat@partner.example")))).containsExactly(NEW, NEW);
  }
}
