package com.emailsync.contacthistory.catchup;

import static com.emailsync.contacthistory.HistoryEntryMother.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.contacthistory.catchup.mongo.MongoMailIndex;
import com.emailsync.contacthistory.catchup.mongo.MongoPendingCatchUps;
import com.emailsync.contacthistory.contacts.Contact;
import com.emailsync.contacthistory.contacts.ContactDirectory;
import com.emailsync.contacthistory.contacts.ContactSync;
import com.emailsync.contacthistory.contacts.mongo.MongoContactDirectory;
import com.emailsync.contacthistory.history.mongo.MongoHistoryRepository;
import com.emailsync.contacthistory.settings.HistorySettings;
import com.emailsync.contacthistory.settings.mongo.MongoHistorySettingsStore;
import com.emailsync.events.ContactKey;
import com.emailsync.events.MailRereadRequested;
import com.emailsync.events.MailboxLocation;
import com.emailsync.testsupport.TestDatabases;
import com.emailsync.testsupport.MutableClock;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catch-up use case on the real MongoDB adapters (mongo-java-server), with the re-read requests recorded. */
class ContactCatchUpTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final List<MailRereadRequested> requested = new ArrayList<>();
  private MongoMailIndex index;
  private MongoHistoryRepository history;
  private MongoDatabase database;
  private MongoHistorySettingsStore settings;
  private ContactCatchUp catchUp;
  private ContactSync contacts;

  @BeforeEach
  void setUp() {
    database = TestDatabases.fresh();
    var policy = new CatchUpPolicy(Duration.ofDays(30), Map.of("short-memory", Duration.ofDays(3)), Duration.ofMinutes(2), 3, 100);
    index = new MongoMailIndex(database, policy.longestWindow(), clock);
    history = new MongoHistoryRepository(database);
    settings = new MongoHistorySettingsStore(database);
    catchUp = new ContactCatchUp(index, new MongoPendingCatchUps(database), requested::add, history, settings, policy, clock);
    contacts = new ContactSync(new MongoContactDirectory(database), catchUp::addressesGained, (tenant, merged, survivor) -> {});
  }

  @Test
  void aNewContactAsksForItsRecentMailThatIsNotInItsHistoryYet() {
    index.add(List.of(
        mail("t1", "m-recent", 5, "erin@customer.example", "sam@acme.example"),
        mail("t1", "m-logged", 4, "erin@customer.example"),
        mail("t1", "m-too-old", 40, "erin@customer.example"),
        mail("t1", "m-stranger", 1, "someone@else.example"),
        mail("t2", "m-other-tenant", 1, "erin@customer.example")));
    history.storeAll(List.of(entry("t1", "erin", "m-logged", UUID.randomUUID(), NOW)));

    contacts.changed(contact("t1", "erin", "Erin@Customer.example"));

    assertThat(requested).extracting(MailRereadRequested::messageId).containsExactly("m-recent");
    assertThat(requested.getFirst().location()).isEqualTo(new MailboxLocation("INBOX", 7, 99));
    assertThat(requested.getFirst().connectionId()).isEqualTo("conn-t1");
  }

  @Test
  void anUpdateAsksOnlyForTheMailOfTheAddressItGained() {
    index.add(List.of(mail("t1", "m-work", 2, "erin@customer.example"), mail("t1", "m-home", 2, "erin@home.example")));
    contacts.changed(contact("t1", "erin", "erin@customer.example"));
    requested.clear();

    contacts.changed(contact("t1", "erin", "erin@customer.example", "erin@home.example"));
    contacts.changed(contact("t1", "erin", "erin@customer.example", "erin@home.example"));

    assertThat(requested).extracting(MailRereadRequested::messageId).containsExactly("m-home");
  }

  @Test
  void aChangeRedeliveredAfterACrashBeforeTheCatchUpWasAskedForAsksForIt() {
    index.add(List.of(mail("t1", "m-1", 2, "erin@customer.example")));
    var directory = new MongoContactDirectory(database);
    Contact erin = contact("t1", "erin", "erin@customer.example");
    // The process died after saving the contact and before asking for its mail.
    directory.save(erin, Set.of("erin@customer.example"));

    contacts.changed(erin);

    assertThat(requested).extracting(MailRereadRequested::messageId).containsExactly("m-1");
    assertThat(directory.find(erin.key())).get().extracting(ContactDirectory.Stored::awaitingCatchUp).isEqualTo(Set.of());
  }

  @Test
  void aTenantsOwnWindowLimitsHowFarBack() {
    index.add(List.of(mail("short-memory", "m-2-days", 2, "erin@customer.example"), mail("short-memory", "m-5-days", 5, "erin@customer.example")));

    contacts.changed(contact("short-memory", "erin", "erin@customer.example"));

    assertThat(requested).extracting(MailRereadRequested::messageId).containsExactly("m-2-days");
  }

  @Test
  void aTenantsSettingsWindowWinsOverTheServiceDefault() {
    settings.save("t1", HistorySettings.DEFAULTS.withCatchUpWindow(Duration.ofDays(3)));
    index.add(List.of(mail("t1", "m-2-days", 2, "erin@customer.example"), mail("t1", "m-5-days", 5, "erin@customer.example")));

    contacts.changed(contact("t1", "erin", "erin@customer.example"));

    assertThat(requested).extracting(MailRereadRequested::messageId).containsExactly("m-2-days");
  }

  @Test
  void asksAgainUntilTheEntryArrivesAndGivesUpOnMailThatStaysAway() {
    index.add(List.of(mail("t1", "m-arrives", 2, "erin@customer.example"), mail("t1", "m-gone", 2, "erin@customer.example")));
    contacts.changed(contact("t1", "erin", "erin@customer.example"));
    assertThat(requested).hasSize(2);

    clock.advance(Duration.ofMinutes(1));
    catchUp.retryOverdue(100);
    assertThat(requested).as("not overdue yet").hasSize(2);

    history.storeAll(List.of(entry("t1", "erin", "m-arrives", UUID.randomUUID(), NOW)));
    for (int round = 0; round < 12; round++) {
      clock.advance(Duration.ofMinutes(3));
      catchUp.retryOverdue(100);
    }

    assertThat(requested).as("asked 3 times in all, 2 then 4 minutes apart, then dropped").extracting(MailRereadRequested::messageId)
        .containsExactly("m-arrives", "m-gone", "m-gone", "m-gone");
    assertThat(new MongoPendingCatchUps(database).claimDue(clock.instant().plus(Duration.ofDays(1)), Duration.ofMinutes(1), 10)).isEmpty();
  }

  @Test
  void twoInstancesNeverClaimTheSamePendingCatchUp() {
    var pending = new MongoPendingCatchUps(database);
    pending.save(PendingCatchUp.first("t1", "erin", mail("t1", "m-1", 1, "erin@customer.example"), NOW, Duration.ofMinutes(2)));

    assertThat(pending.claimDue(NOW.plus(Duration.ofMinutes(3)), Duration.ofMinutes(2), 10)).hasSize(1);
    assertThat(pending.claimDue(NOW.plus(Duration.ofMinutes(3)), Duration.ofMinutes(2), 10)).as("claimed by the first").isEmpty();
    assertThat(pending.claimDue(NOW.plus(Duration.ofMinutes(6)), Duration.ofMinutes(2), 10)).as("its lease ran out").hasSize(1);
  }

  private static IndexedMail mail(String tenantId, String messageId, int daysAgo, String... addresses) {
    return new IndexedMail(tenantId, messageId, "conn-" + tenantId, new MailboxLocation("INBOX", 7, 99), NOW.minus(Duration.ofDays(daysAgo)), Set.of(addresses));
  }

  private static Contact contact(String tenantId, String contactId, String... addresses) {
    return new Contact(new ContactKey(tenantId, contactId), null, List.of(addresses).stream().map(String::toLowerCase).toList());
  }
}
