package com.emailsync.contacthistory.history.mongo;

import static com.emailsync.contacthistory.HistoryEntryMother.entry;
import static com.emailsync.contacthistory.history.HistoryRepository.Stored.DUPLICATE;
import static com.emailsync.contacthistory.history.HistoryRepository.Stored.NEW;
import static com.emailsync.contacthistory.history.HistoryRepository.Stored.REDELIVERED;
import static com.emailsync.events.EmailEvent.Direction.RECEIVED;
import static com.emailsync.events.EmailEvent.Direction.SENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.contacthistory.history.ContactSummary;
import com.emailsync.contacthistory.history.ErasedEntry;
import com.emailsync.contacthistory.history.HistoryEntry;
import com.emailsync.contacthistory.history.HistoryQuery;
import com.emailsync.contacthistory.history.HistoryRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every HistoryRepository must do, run against each store it is implemented for. */
interface HistoryRepositoryContract {

  /** A fresh, empty repository. */
  HistoryRepository repository();

  Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  default void storesABatchAndTellsARedeliveryFromTheSameMailSeenAgain() {
    HistoryRepository history = repository();
    UUID event1 = UUID.randomUUID();
    UUID event2 = UUID.randomUUID();
    HistoryEntry first = entry("t1", "carla", "m-1", event1, T0);
    HistoryEntry second = entry("t1", "carla", "m-2", event2, T0);
    assertThat(history.storeAll(List.of(first, second))).containsExactly(NEW, NEW);

    HistoryEntry sameMailOtherFolder = entry("t1", "carla", "m-1", UUID.randomUUID(), T0);
    HistoryEntry third = entry("t1", "carla", "m-3", UUID.randomUUID(), T0);

    assertThat(history.storeAll(List.of(second, sameMailOtherFolder, third))).containsExactly(REDELIVERED, DUPLICATE, NEW);
    assertThat(history.page(HistoryQuery.all("t1", "carla"), null, 10)).hasSize(3);
  }

  @Test
  default void storesTheSameMailTwiceInOneBatchOnceAndTheFirstCopyCounts() {
    HistoryRepository history = repository();
    HistoryEntry inbox = entry("t1", "carla", "m-1", UUID.randomUUID(), T0);
    HistoryEntry customers = entry("t1", "carla", "m-1", UUID.randomUUID(), T0);

    assertThat(history.storeAll(List.of(inbox, customers))).containsExactly(NEW, DUPLICATE);
    assertThat(history.storeAll(List.of(inbox, customers))).containsExactly(REDELIVERED, DUPLICATE);
    assertThat(history.find("t1", inbox.id())).get().extracting(HistoryEntry::sourceEventId).isEqualTo(inbox.sourceEventId());
  }

  @Test
  default void aRedeliveredBatchRepublishesTheStoredCopyEvenWhenAnotherCopyComesFirstInIt() {
    HistoryRepository history = repository();
    HistoryEntry fromMailboxA = entry("t1", "carla", "m-1", UUID.randomUUID(), T0);
    HistoryEntry fromMailboxB = entry("t1", "carla", "m-1", UUID.randomUUID(), T0);
    history.storeAll(List.of(fromMailboxA));

    assertThat(history.storeAll(List.of(fromMailboxB, fromMailboxA))).containsExactly(DUPLICATE, REDELIVERED);
  }

  @Test
  default void keepsTheSameMailApartPerContactAndPerTenant() {
    HistoryRepository history = repository();
    UUID event = UUID.randomUUID();

    assertThat(history.storeAll(List.of(entry("t1", "carla", "m-1", event, T0), entry("t1", "dave", "m-1", event, T0), entry("t2", "carla", "m-1", event, T0))))
        .containsExactly(NEW, NEW, NEW);
    assertThat(history.find("t2", entry("t1", "carla", "m-1", event, T0).id())).isEmpty();
  }

  @Test
  default void pagesNewestFirstFromAPosition() {
    HistoryRepository history = repository();
    HistoryEntry older = entry("t1", "carla", "m-old", UUID.randomUUID(), T0);
    HistoryEntry newer = entry("t1", "carla", "m-new", UUID.randomUUID(), T0.plusSeconds(60));
    history.storeAll(List.of(older, newer));

    List<HistoryEntry> first = history.page(HistoryQuery.all("t1", "carla"), null, 1);
    assertThat(first).extracting(HistoryEntry::messageId).containsExactly("m-new");
    assertThat(history.page(HistoryQuery.all("t1", "carla"), new HistoryRepository.Position(newer.sentAt(), newer.id()), 5))
        .extracting(HistoryEntry::messageId)
        .containsExactly("m-old");
  }

  @Test
  default void saysWhichOfATenantsEntriesAreStored() {
    HistoryRepository history = repository();
    HistoryEntry stored = entry("t1", "carla", "m-1", UUID.randomUUID(), T0);
    history.storeAll(List.of(stored));

    assertThat(history.storedOf("t1", List.of(stored.id(), "no-such-entry"))).containsExactly(stored.id());
    assertThat(history.storedOf("t2", List.of(stored.id()))).isEmpty();
    assertThat(history.storedOf("t1", List.of())).isEmpty();
  }

  @Test
  default void filtersByDirectionConnectionAndSendTime() {
    HistoryRepository history = repository();
    history.storeAll(List.of(
        entry("t1", "carla", "m-in", UUID.randomUUID(), T0, RECEIVED, "conn-1", "text"),
        entry("t1", "carla", "m-out", UUID.randomUUID(), T0.plusSeconds(60), SENT, "conn-1", "text"),
        entry("t1", "carla", "m-other-box", UUID.randomUUID(), T0.plusSeconds(120), RECEIVED, "conn-2", "text")));

    assertThat(history.page(new HistoryQuery("t1", "carla", SENT, null, null, null, null), null, 10)).extracting(HistoryEntry::messageId).containsExactly("m-out");
    assertThat(history.page(new HistoryQuery("t1", "carla", null, "conn-2", null, null, null), null, 10)).extracting(HistoryEntry::messageId).containsExactly("m-other-box");
    assertThat(history.page(new HistoryQuery("t1", "carla", null, null, T0.plusSeconds(60), T0.plusSeconds(120), null), null, 10))
        .extracting(HistoryEntry::messageId).containsExactly("m-out");
  }

  @Test
  default void findsWordsInTheSubjectOrABodyOfThisContactsMailOnly() {
    HistoryRepository history = repository();
    history.storeAll(List.of(
        entry("t1", "carla", "m-invoice", UUID.randomUUID(), T0, RECEIVED, "conn-1", "Please find the INVOICE attached"),
        entry("t1", "carla", "m-lunch", UUID.randomUUID(), T0, RECEIVED, "conn-1", "Lunch on Friday?"),
        entry("t1", "dave", "m-dave", UUID.randomUUID(), T0, RECEIVED, "conn-1", "Another invoice")));

    assertThat(history.page(new HistoryQuery("t1", "carla", null, null, null, null, "invoice"), null, 10)).extracting(HistoryEntry::messageId).containsExactly("m-invoice");
    assertThat(history.page(new HistoryQuery("t1", "carla", null, null, null, null, "subject of m-lunch"), null, 10)).extracting(HistoryEntry::messageId).containsExactly("m-lunch");
    assertThat(history.page(new HistoryQuery("t1", "carla", null, null, null, null, ".*"), null, 10)).as("words, not a pattern").isEmpty();
  }

  @Test
  default void pagesCarryNoBodiesAndTheWholeEntryDoes() {
    HistoryRepository history = repository();
    HistoryEntry entry = entry("t1", "carla", "m-1", UUID.randomUUID(), T0, RECEIVED, "conn-1", "The whole text");
    history.storeAll(List.of(entry, entry("t1", "dave", "m-1", UUID.randomUUID(), T0, RECEIVED, "conn-1", "The whole text")));

    assertThat(history.page(HistoryQuery.all("t1", "carla"), null, 10)).singleElement().satisfies(e -> assertThat(e.textBody()).isNull());
    assertThat(history.find("t1", entry.id())).get().extracting(HistoryEntry::textBody).isEqualTo("The whole text");
  }

  @Test
  default void summarisesAContactsMail() {
    HistoryRepository history = repository();
    assertThat(history.summary("t1", "carla")).isEqualTo(new ContactSummary(0, null, null));
    history.storeAll(List.of(
        entry("t1", "carla", "m-in-1", UUID.randomUUID(), T0, RECEIVED, "conn-1", "text"),
        entry("t1", "carla", "m-in-2", UUID.randomUUID(), T0.plusSeconds(60), RECEIVED, "conn-1", "text"),
        entry("t1", "carla", "m-out", UUID.randomUUID(), T0.plusSeconds(30), SENT, "conn-1", "text")));

    assertThat(history.summary("t1", "carla")).isEqualTo(new ContactSummary(3, T0.plusSeconds(60), T0.plusSeconds(30)));
  }

  @Test
  default void erasesAContactsEntriesAndTheBodiesNoOtherEntryShows() {
    HistoryRepository history = repository();
    HistoryEntry shared = entry("t1", "carla", "m-shared", UUID.randomUUID(), T0, RECEIVED, "conn-1", "Shared body");
    HistoryEntry own = entry("t1", "carla", "m-own", UUID.randomUUID(), T0, RECEIVED, "conn-1", "Carla only");
    HistoryEntry davesCopy = entry("t1", "dave", "m-shared", UUID.randomUUID(), T0, RECEIVED, "conn-1", "Shared body");
    history.storeAll(List.of(shared, own, davesCopy));

    assertThat(history.eraseContact("t1", "carla")).extracting(ErasedEntry::entryId).containsExactlyInAnyOrder(shared.id(), own.id());

    assertThat(history.page(HistoryQuery.all("t1", "carla"), null, 10)).isEmpty();
    assertThat(history.find("t1", davesCopy.id())).get().extracting(HistoryEntry::textBody).as("still shown to Dave").isEqualTo("Shared body");
    history.storeAll(List.of(entry("t1", "erin", "m-own", UUID.randomUUID(), T0, RECEIVED, "conn-1", null)));
    assertThat(history.page(HistoryQuery.all("t1", "erin"), null, 1)).singleElement()
        .satisfies(e -> assertThat(history.find("t1", e.id()).orElseThrow().textBody()).as("Carla's own body went with her").isNull());
  }

  @Test
  default void erasesEntriesSentBeforeAnInstantAChunkAtATime() {
    HistoryRepository history = repository();
    history.storeAll(List.of(
        entry("t1", "carla", "m-old-1", UUID.randomUUID(), T0.minusSeconds(7200)),
        entry("t1", "carla", "m-old-2", UUID.randomUUID(), T0.minusSeconds(3600)),
        entry("t1", "carla", "m-new", UUID.randomUUID(), T0),
        entry("t2", "carla", "m-old-other-tenant", UUID.randomUUID(), T0.minusSeconds(7200))));

    assertThat(history.eraseSentBefore("t1", T0, 1)).hasSize(1);
    assertThat(history.eraseSentBefore("t1", T0, 10)).hasSize(1);
    assertThat(history.eraseSentBefore("t1", T0, 10)).isEmpty();
    assertThat(history.page(HistoryQuery.all("t1", "carla"), null, 10)).extracting(HistoryEntry::messageId).containsExactly("m-new");
    assertThat(history.page(HistoryQuery.all("t2", "carla"), null, 10)).hasSize(1);
  }

  @Test
  default void findsAndErasesWhatAConnectionLogged() {
    HistoryRepository history = repository();
    history.storeAll(List.of(
        entry("t1", "carla", "m-1", UUID.randomUUID(), T0, RECEIVED, "conn-gone", "text"),
        entry("t1", "carla", "m-2", UUID.randomUUID(), T0, RECEIVED, "conn-kept", "text")));

    assertThat(history.tenantOfConnection("conn-gone")).contains("t1");
    assertThat(history.eraseOfConnection("conn-gone", 10)).extracting(ErasedEntry::contactId).containsExactly("carla");
    assertThat(history.tenantOfConnection("conn-gone")).isEmpty();
    assertThat(history.page(HistoryQuery.all("t1", "carla"), null, 10)).extracting(HistoryEntry::messageId).containsExactly("m-2");
  }

  @Test
  default void movesAMergedContactsEntriesToTheSurvivorOncePerMessageAndCanRepeat() {
    HistoryRepository history = repository();
    HistoryEntry both = entry("t1", "carla-dup", "m-both", UUID.randomUUID(), T0);
    HistoryEntry onlyDup = entry("t1", "carla-dup", "m-only-dup", UUID.randomUUID(), T0);
    history.storeAll(List.of(both, onlyDup, entry("t1", "carla", "m-both", UUID.randomUUID(), T0)));

    assertThat(history.moveContact("t1", "carla-dup", "carla")).extracting(ErasedEntry::entryId).containsExactlyInAnyOrder(both.id(), onlyDup.id());

    assertThat(history.page(HistoryQuery.all("t1", "carla"), null, 10)).extracting(HistoryEntry::messageId).containsExactlyInAnyOrder("m-both", "m-only-dup");
    assertThat(history.page(HistoryQuery.all("t1", "carla-dup"), null, 10)).isEmpty();
    assertThat(history.moveContact("t1", "carla-dup", "carla")).as("a repeat still names what moved").extracting(ErasedEntry::entryId).containsExactly(onlyDup.id());
    assertThat(history.page(HistoryQuery.all("t1", "carla"), null, 10)).hasSize(2);
  }

  @Test
  default void storesNothingForAnEmptyBatch() {
    assertThat(repository().storeAll(List.of())).isEmpty();
  }
}
