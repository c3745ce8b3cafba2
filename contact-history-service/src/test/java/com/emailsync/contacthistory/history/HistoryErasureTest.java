package com.emailsync.contacthistory.history;

import static com.emailsync.contacthistory.HistoryEntryMother.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.contacthistory.catchup.IndexedMail;
import com.emailsync.contacthistory.catchup.mongo.MongoMailIndex;
import com.emailsync.contacthistory.catchup.mongo.MongoPendingCatchUps;
import com.emailsync.contacthistory.history.mongo.MongoErasureAnnouncements;
import com.emailsync.contacthistory.history.mongo.MongoHistoryRepository;
import com.emailsync.contacthistory.history.mongo.MongoHistoryTombstones;
import com.emailsync.contacthistory.settings.HistorySettings;
import com.emailsync.contacthistory.settings.mongo.MongoHistorySettingsStore;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EntriesErased;
import com.emailsync.events.MailboxLocation;
import com.emailsync.testsupport.TestDatabases;
import com.emailsync.testsupport.MutableClock;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erasures on the real MongoDB adapters (mongo-java-server), with what they announce recorded. */
class HistoryErasureTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final List<EntriesErased> announced = new ArrayList<>();
  private boolean brokerAway;
  private MongoHistoryRepository history;
  private MongoHistorySettingsStore settings;
  private MongoMailIndex index;
  private HistoryErasure erasure;

  @BeforeEach
  void setUp() {
    MongoDatabase database = TestDatabases.fresh();
    history = new MongoHistoryRepository(database);
    settings = new MongoHistorySettingsStore(database);
    index = new MongoMailIndex(database, Duration.ofDays(30), clock);
    var publisher = new ActivityPublisher() {
      @Override
      public void publish(ContactEmailLogged event) {}

      @Override
      public boolean erased(EntriesErased event) {
        if (brokerAway) {
          throw new IllegalStateException("broker away");
        }
        announced.add(event);
        return true;
      }
    };
    erasure = new HistoryErasure(history, settings, index, new MongoPendingCatchUps(database), publisher, new MongoErasureAnnouncements(database), new MongoHistoryTombstones(database), clock);
  }

  @Test
  void aPrivacyRequestErasesTheContactsEntriesForgetsItsAddressesAndSaysWhichEntriesWent() {
    HistoryEntry first = entry("t1", "carla", "m-1", UUID.randomUUID(), NOW);
    HistoryEntry second = entry("t1", "carla", "m-2", UUID.randomUUID(), NOW);
    history.storeAll(List.of(first, second, entry("t1", "dave", "m-1", UUID.randomUUID(), NOW)));
    index.add(List.of(new IndexedMail("t1", "m-1", "conn-1", new MailboxLocation("INBOX", 1, 1), NOW, Set.of("carla@customer.example", "dave@customer.example"))));

    assertThat(erasure.eraseContact("t1", "carla", List.of("Carla@Customer.example"))).isEqualTo(2);

    assertThat(announced).singleElement().satisfies(e -> {
      assertThat(e.contactId()).isEqualTo("carla");
      assertThat(e.reason()).isEqualTo(EntriesErased.Reason.CONTACT_ERASURE);
      assertThat(e.entryIds()).containsExactlyInAnyOrder(first.id(), second.id());
    });
    assertThat(index.find("t1", Set.of("carla@customer.example"), Instant.EPOCH, 10)).isEmpty();
    assertThat(index.find("t1", Set.of("dave@customer.example"), Instant.EPOCH, 10)).hasSize(1);
  }

  @Test
  void retentionErasesOnlyTheEntriesOfTenantsThatSetOneAndOnlyThoseOlderThanIt() {
    settings.save("keeps-a-week", HistorySettings.DEFAULTS.withRetention(Duration.ofDays(7), false));
    history.storeAll(List.of(
        entry("keeps-a-week", "carla", "m-old", UUID.randomUUID(), NOW.minus(Duration.ofDays(8))),
        entry("keeps-a-week", "carla", "m-recent", UUID.randomUUID(), NOW.minus(Duration.ofDays(6))),
        entry("keeps-all", "carla", "m-ancient", UUID.randomUUID(), NOW.minus(Duration.ofDays(800)))));

    assertThat(erasure.applyRetention()).isEqualTo(1);

    assertThat(announced).singleElement().extracting(EntriesErased::reason).isEqualTo(EntriesErased.Reason.RETENTION);
    assertThat(history.page(HistoryQuery.all("keeps-a-week", "carla"), null, 10)).extracting(HistoryEntry::messageId).containsExactly("m-recent");

    history.storeAll(List.of(entry("keeps-a-week", "carla", "m-old-2", UUID.randomUUID(), NOW.minus(Duration.ofDays(9)))));
    assertThat(erasure.applyRetention()).as("another instance's run (this one's) still holds the tenant").isZero();
    clock.advance(Duration.ofMinutes(31));
    assertThat(erasure.applyRetention()).isEqualTo(1);
    assertThat(history.page(HistoryQuery.all("keeps-all", "carla"), null, 10)).hasSize(1);
  }

  @Test
  void aDeletedConnectionsEntriesGoOnlyWhereTheTenantErasesWithConnections() {
    history.storeAll(List.of(
        entry("erases", "carla", "m-1", UUID.randomUUID(), NOW, com.emailsync.events.EmailEvent.Direction.RECEIVED, "conn-a", "text"),
        entry("keeps", "carla", "m-2", UUID.randomUUID(), NOW, com.emailsync.events.EmailEvent.Direction.RECEIVED, "conn-b", "text")));
    settings.save("erases", HistorySettings.DEFAULTS.withRetention(null, true));

    assertThat(erasure.connectionDeleted("conn-a")).isEqualTo(1);
    assertThat(erasure.connectionDeleted("conn-b")).isZero();

    assertThat(announced).singleElement().extracting(EntriesErased::reason).isEqualTo(EntriesErased.Reason.CONNECTION_DELETED);
    assertThat(history.page(HistoryQuery.all("keeps", "carla"), null, 10)).hasSize(1);
  }

  @Test
  void aMergeMovesTheEntriesAndTellsDownstreamTheMergedContactsOnesWent() {
    HistoryEntry dup = entry("t1", "carla-dup", "m-1", UUID.randomUUID(), NOW);
    history.storeAll(List.of(dup));

    erasure.merged("t1", "carla-dup", "carla");

    assertThat(history.page(HistoryQuery.all("t1", "carla"), null, 10)).extracting(HistoryEntry::messageId).containsExactly("m-1");
    assertThat(announced).singleElement().satisfies(e -> {
      assertThat(e.contactId()).isEqualTo("carla-dup");
      assertThat(e.reason()).isEqualTo(EntriesErased.Reason.CONTACT_MERGED);
      assertThat(e.entryIds()).containsExactly(dup.id());
    });
  }

  @Test
  void anAnnouncementTheBrokerMissedGoesOutLaterUnderTheSameEventId() {
    HistoryEntry entry = entry("t1", "carla", "m-1", UUID.randomUUID(), NOW);
    history.storeAll(List.of(entry));
    brokerAway = true;

    assertThat(erasure.eraseContact("t1", "carla", List.of())).as("the erasure itself is done").isEqualTo(1);
    assertThat(announced).isEmpty();

    brokerAway = false;
    erasure.announceLeftovers(Duration.ofMinutes(1), 10);
    assertThat(announced).as("not yet: it might still be on its way").isEmpty();
    clock.advance(Duration.ofMinutes(2));
    erasure.announceLeftovers(Duration.ofMinutes(1), 10);
    erasure.announceLeftovers(Duration.ofMinutes(1), 10);

    assertThat(announced).singleElement().satisfies(e -> assertThat(e.entryIds()).containsExactly(entry.id()));
  }

  @Test
  void aLargeErasureIsAnnouncedAThousandEntriesAtATime() {
    List<HistoryEntry> many = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      many.add(entry("t1", "carla", "m-" + i, UUID.randomUUID(), NOW));
    }
    history.storeAll(many);

    erasure.eraseContact("t1", "carla", List.of());

    assertThat(announced).extracting(e -> e.entryIds().size()).containsExactly(1000, 1000, 500);
  }
}
