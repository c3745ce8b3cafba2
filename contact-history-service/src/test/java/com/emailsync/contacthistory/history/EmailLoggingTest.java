package com.emailsync.contacthistory.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.contacthistory.catchup.mongo.MongoMailIndex;
import com.emailsync.contacthistory.contacts.Addresses;
import com.emailsync.contacthistory.contacts.Contact;
import com.emailsync.contacthistory.contacts.mongo.MongoContactDirectory;
import com.emailsync.contacthistory.history.mongo.MongoHistoryRepository;
import com.emailsync.contacthistory.history.mongo.MongoHistoryTombstones;
import com.emailsync.contacthistory.history.mongo.MongoSuggestionLedger;
import com.emailsync.contacthistory.settings.ConnectionSettings;
import com.emailsync.contacthistory.settings.HistorySettings;
import com.emailsync.contacthistory.settings.SuggestionPolicy;
import com.emailsync.contacthistory.settings.Visibility;
import com.emailsync.contacthistory.settings.mongo.MongoHistorySettingsStore;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.ContactKey;
import com.emailsync.events.ContactSuggested;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.EmailReceived;
import com.emailsync.events.EmailSent;
import com.emailsync.events.MailHeaders;
import com.emailsync.events.MailMessage;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.MailboxLocation;
import com.emailsync.testsupport.TestDatabases;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who gets an entry, on the real MongoDB adapters (mongo-java-server), with the published activity recorded. */
class EmailLoggingTest {

  private static final String ACCOUNT = "sam@acme.example";

  private final List<ContactEmailLogged> published = new ArrayList<>();
  private final List<ContactSuggested> suggested = new ArrayList<>();
  private MongoContactDirectory directory;
  private MongoHistorySettingsStore settings;
  private MongoHistoryRepository history;
  private MongoHistoryTombstones tombstones;
  /** Runs once, the first time ingest asks for tombstones: an erasure or merge landing after contacts were matched. */
  private Runnable meanwhile = () -> {};
  private EmailLogging logging;
  private MongoMailIndex index;

  @BeforeEach
  void setUp() {
    MongoDatabase database = TestDatabases.fresh();
    directory = new MongoContactDirectory(database);
    settings = new MongoHistorySettingsStore(database);
    history = new MongoHistoryRepository(database);
    var publisher = new ActivityPublisher() {
      @Override
      public void publish(ContactEmailLogged event) {
        published.add(event);
      }

      @Override
      public void suggested(ContactSuggested event) {
        suggested.add(event);
      }
    };
    tombstones = new MongoHistoryTombstones(database);
    HistoryTombstones racing = new HistoryTombstones() {
      @Override
      public void erased(ContactKey contact, Instant at) {
        tombstones.erased(contact, at);
      }

      @Override
      public void merged(ContactKey merged, String survivorContactId) {
        tombstones.merged(merged, survivorContactId);
      }

      @Override
      public java.util.Map<ContactKey, Tombstone> of(java.util.Collection<ContactKey> contacts) {
        var found = tombstones.of(contacts);
        Runnable once = meanwhile;
        meanwhile = () -> {};
        once.run();
        return found;
      }
    };
    index = new MongoMailIndex(database, Duration.ofDays(30), Clock.systemUTC());
    logging = new EmailLogging(directory, settings, index, history, publisher,
        new MongoSuggestionLedger(database), racing, Clock.systemUTC());
  }

  @Test
  void logsFromToAndCcButBccOnlyOnMailTheAccountSentAndNeverReplyTo() {
    contacts("carla@customer.example", "dave@customer.example", "erin@customer.example");
    var received = mail("carla@customer.example", List.of(ACCOUNT), List.of("dave@customer.example"), List.of("erin@customer.example"), MailHeaders.NONE);
    var sent = mail(ACCOUNT, List.of("carla@customer.example"), List.of(), List.of("erin@customer.example"), MailHeaders.NONE);

    logging.log(List.of(received(received), sent(sent)));

    assertThat(published).extracting(ContactEmailLogged::messageId, ContactEmailLogged::contactId, ContactEmailLogged::role)
        .containsExactlyInAnyOrder(
            tuple(received.messageId(), "carla@customer.example", ContactEmailLogged.Role.FROM),
            tuple(received.messageId(), "dave@customer.example", ContactEmailLogged.Role.CC),
            tuple(sent.messageId(), "carla@customer.example", ContactEmailLogged.Role.TO),
            tuple(sent.messageId(), "erin@customer.example", ContactEmailLogged.Role.BCC));
  }

  @Test
  void theAccountsOwnAddressIsNeverAContactEvenWhenTheCrmHasOneWithIt() {
    contacts(ACCOUNT, "carla@customer.example");

    logging.log(List.of(received(mail("carla@customer.example", List.of("Sam@ACME.example"), List.of(), List.of(), MailHeaders.NONE))));

    assertThat(published).extracting(ContactEmailLogged::contactId).containsExactly("carla@customer.example");
  }

  @Test
  void anAddressSharedByTwoContactsIsLoggedForBoth() {
    directory.save(new Contact(new ContactKey("t1", "carla"), null, List.of("office@customer.example")), Set.of());
    directory.save(new Contact(new ContactKey("t1", "dave"), null, List.of("office@customer.example")), Set.of());

    logging.log(List.of(received(mail("office@customer.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE))));

    assertThat(published).extracting(ContactEmailLogged::contactId).containsExactlyInAnyOrder("carla", "dave");
  }

  @Test
  void aTenantsBlocklistOfAddressesAndDomainsWithTheirSubdomainsIsNeverLogged() {
    contacts("carla@customer.example", "hr@corp.example", "boss@eu.partner.example", "pat@partner.example.org");
    settings.save("t1", HistorySettings.DEFAULTS.withBlocked(Set.of("HR@corp.example"), Set.of("partner.example")));

    logging.log(List.of(received(mail("carla@customer.example", List.of(ACCOUNT, "hr@corp.example", "boss@eu.partner.example", "pat@partner.example.org"), List.of(), List.of(), MailHeaders.NONE))));

    assertThat(published).extracting(ContactEmailLogged::contactId).containsExactlyInAnyOrder("carla@customer.example", "pat@partner.example.org");
  }

  @Test
  void machineSendersAndMailingListMailAreLeftOutUnlessTheTenantWantsThem() {
    contacts("noreply@customer.example", "carla@customer.example");
    var notification = mail("noreply@customer.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE);
    var listPost = mail("carla@customer.example", List.of("team@lists.example"), List.of(), List.of(), new MailHeaders(null, List.of(), null, "list", "<team.lists.example>", true, false, false));

    logging.log(List.of(received(notification), received(listPost)));
    assertThat(published).isEmpty();

    settings.save("t1", HistorySettings.DEFAULTS.withExclusions(false, false));
    logging.log(List.of(received(notification), received(listPost)));
    assertThat(published).extracting(ContactEmailLogged::contactId, ContactEmailLogged::bulk)
        .containsExactlyInAnyOrder(tuple("noreply@customer.example", false), tuple("carla@customer.example", true));
  }

  @Test
  void personalWebmailIsLeftOutOnlyWhenTheTenantAsks() {
    contacts("carla.private@gmail.com");
    settings.save("t1", HistorySettings.DEFAULTS.withExclusions(true, true));

    logging.log(List.of(received(mail("carla.private@gmail.com", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE))));

    assertThat(published).isEmpty();
  }

  @Test
  void gmailStyleAddressesMatchOnlyWhenTheTenantChoseLooseMatching() {
    contacts("firstlast@gmail.com");
    var tagged = mail("First.Last+crm@gmail.com", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE);

    logging.log(List.of(received(tagged)));
    assertThat(published).isEmpty();

    settings.save("t1", HistorySettings.DEFAULTS.withLooseAddressMatching(true));
    logging.log(List.of(received(tagged)));
    assertThat(published).extracting(ContactEmailLogged::contactId).containsExactly("firstlast@gmail.com");
  }

  @Test
  void anInternationalDomainMatchesWhicheverFormEitherSideUses() {
    contacts("anna@Bücher.example");

    logging.log(List.of(received(mail("anna@xn--bcher-kva.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE))));

    assertThat(published).extracting(ContactEmailLogged::contactId).containsExactly("anna@Bücher.example");
  }

  @Test
  void theActivityCarriesTheThreadAndWhetherAMachineAnswered() {
    contacts("carla@customer.example");
    var outOfOffice = mail("carla@customer.example", List.of(ACCOUNT), List.of(), List.of(),
        new MailHeaders("reply-1@acme.example", List.of("quote-1@customer.example", "reply-1@acme.example"), "auto-replied", null, null, false, true, false));

    logging.log(List.of(received(outOfOffice)));

    assertThat(published).singleElement().satisfies(e -> {
      assertThat(e.threadKey()).isEqualTo("quote-1@customer.example");
      assertThat(e.autoReply()).isTrue();
      assertThat(e.bulk()).isFalse();
      assertThat(e.senderIsContact()).isTrue();
      assertThat(e.sentByAutomation()).isFalse();
    });
  }

  @Test
  void theActivitySaysWhichFolderTheMailWasLoggedFromAndWhetherAnAutomationSentIt() {
    contacts("carla@customer.example");
    var automated = mail("carla@customer.example", List.of(ACCOUNT), List.of(), List.of(),
        new MailHeaders(null, List.of(), null, null, null, false, false, false, "automation-7"));

    logging.log(List.of(received(automated)));

    assertThat(published).singleElement().satisfies(e -> {
      assertThat(e.sentByAutomation()).isTrue();
      assertThat(e.folder()).isEqualTo("INBOX");
    });
    assertThat(history.find("t1", published.getFirst().entryId())).hasValueSatisfying(entry -> {
      assertThat(entry.sentByAutomation()).isTrue();
      assertThat(entry.folder()).isEqualTo("INBOX");
    });
  }

  @Test
  void keepsOnlyWhatTheConnectionsVisibilityAllows() {
    contacts("carla@customer.example");
    settings.save("t1", HistorySettings.DEFAULTS.withVisibility(Visibility.SUMMARY).withConnections(java.util.Map.of("conn-private", ConnectionSettings.visibility(Visibility.METADATA))));
    var summaryOnly = mail("carla@customer.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE);
    var metadataOnly = mail("carla@customer.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE);

    logging.log(List.of(received(summaryOnly), receivedOn("conn-private", metadataOnly)));

    var stored = history.page(HistoryQuery.all("t1", "carla@customer.example"), null, 10);
    HistoryEntry summary = stored.stream().filter(e -> e.messageId().equals(summaryOnly.messageId())).findFirst().orElseThrow();
    HistoryEntry metadata = stored.stream().filter(e -> e.messageId().equals(metadataOnly.messageId())).findFirst().orElseThrow();
    assertThat(summary.subject()).isEqualTo("Subject");
    assertThat(summary.snippet()).isEqualTo("text");
    assertThat(history.find("t1", summary.id()).orElseThrow().textBody()).as("no body kept").isNull();
    assertThat(metadata.subject()).isNull();
    assertThat(metadata.snippet()).isEmpty();
  }

  @Test
  void suggestsThePeopleWrittenToWhoAreNoContactsOnceEachAndOnlyWhenTheTenantAsks() {
    contacts("carla@customer.example");
    var toPat = mail(ACCOUNT, List.of("Pat <pat@partner.example>", "carla@customer.example"), List.of(), List.of(), MailHeaders.NONE);
    var fromLee = mail("lee@prospect.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE);

    logging.log(List.of(sent(toPat), received(fromLee)));
    assertThat(suggested).as("off by default").isEmpty();

    settings.save("t1", HistorySettings.DEFAULTS.withSuggestions(SuggestionPolicy.PEOPLE_WRITTEN_TO));
    logging.log(List.of(sent(toPat), received(fromLee)));
    logging.log(List.of(sent(mail(ACCOUNT, List.of("pat@partner.example"), List.of(), List.of(), MailHeaders.NONE))));
    assertThat(suggested).extracting(ContactSuggested::address, ContactSuggested::direction)
        .containsExactly(tuple("pat@partner.example", EmailEvent.Direction.SENT));

    settings.save("t1", HistorySettings.DEFAULTS.withSuggestions(SuggestionPolicy.BOTH_DIRECTIONS));
    logging.log(List.of(received(fromLee)));
    assertThat(suggested).extracting(ContactSuggested::address).containsExactly("pat@partner.example", "lee@prospect.example");
  }

  @Test
  void aConnectionsOwnExclusionsAndSuggestionsOverrideTheTenantsForItsMailOnly() {
    contacts("carla.private@gmail.com");
    settings.save("t1", HistorySettings.DEFAULTS.withConnections(
        java.util.Map.of("conn-founder", new ConnectionSettings(null, null, true, SuggestionPolicy.BOTH_DIRECTIONS))));
    var webmailToTheTeam = mail("carla.private@gmail.com", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE);
    var webmailToTheFounder = mail("carla.private@gmail.com", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE);

    logging.log(List.of(
        received(webmailToTheTeam),
        receivedOn("conn-founder", webmailToTheFounder),
        received(mail("lee@prospect.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE)),
        receivedOn("conn-founder", mail("pat@prospect.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE))));

    assertThat(published).extracting(ContactEmailLogged::messageId).containsExactly(webmailToTheTeam.messageId());
    assertThat(suggested).extracting(ContactSuggested::address, ContactSuggested::connectionId).containsExactly(tuple("pat@prospect.example", "conn-founder"));
  }

  @Test
  void mailObservedBeforeAPrivacyErasureIsNotLoggedAgainByAReplayNorByACatchUpButNewMailIs() {
    contacts("carla@customer.example");
    EmailEvent before = received(mail("carla@customer.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE));
    logging.log(List.of(before));
    erase("carla@customer.example");
    published.clear();

    EmailEvent reread = new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-1", "t1", "user-1", new MailboxLocation("INBOX", 1, 1), before.message(),
        MailOrigin.CATCH_UP, List.of(ACCOUNT));
    logging.log(List.of(before, reread));
    assertThat(published).isEmpty();
    assertThat(history.page(HistoryQuery.all("t1", "carla@customer.example"), null, 10)).isEmpty();

    EmailEvent after = new EmailReceived(UUID.randomUUID(), Instant.now().plusSeconds(1), "conn-1", "t1", "user-1", new MailboxLocation("INBOX", 2, 1),
        mail("carla@customer.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE), MailOrigin.LIVE, List.of(ACCOUNT));
    logging.log(List.of(after));
    assertThat(published).extracting(ContactEmailLogged::messageId).containsExactly(after.message().messageId());
  }

  @Test
  void backfilledMailIsLoggedAsBackfillAndStaysInTheIndexForContactsAddedLater() {
    contacts("carla@customer.example");
    EmailEvent backfilled = new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-1", "t1", "user-1", new MailboxLocation("INBOX", 1, 7),
        mail("carla@customer.example", List.of(ACCOUNT), List.of("newcomer@customer.example"), List.of(), MailHeaders.NONE), MailOrigin.BACKFILL,
        List.of(ACCOUNT));

    logging.log(List.of(backfilled));

    assertThat(published).singleElement().satisfies(logged -> {
      assertThat(logged.contactId()).isEqualTo("carla@customer.example");
      assertThat(logged.origin()).as("history, never news: no automation fires on it").isEqualTo(MailOrigin.BACKFILL);
    });
    assertThat(index.find("t1", Set.of(Addresses.loose("newcomer@customer.example")), Instant.now().minus(Duration.ofDays(1)), 10))
        .as("a contact added later is caught up from the index")
        .extracting(com.emailsync.contacthistory.catchup.IndexedMail::location)
        .containsExactly(backfilled.location());
  }

  @Test
  void aBatchMatchedJustBeforeAnErasureTakesItsEntryBackUnannounced() {
    contacts("carla@customer.example");
    meanwhile = () -> erase("carla@customer.example");

    logging.log(List.of(received(mail("carla@customer.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE))));

    assertThat(published).isEmpty();
    assertThat(history.page(HistoryQuery.all("t1", "carla@customer.example"), null, 10)).isEmpty();
  }

  @Test
  void aBatchMatchedJustBeforeAMergeLogsTheMailWithTheSurvivor() {
    contacts("carla@work.example");
    meanwhile = () -> {
      tombstones.merged(new ContactKey("t1", "carla@work.example"), "carla");
      history.moveContact("t1", "carla@work.example", "carla");
    };

    logging.log(List.of(received(mail("carla@work.example", List.of(ACCOUNT), List.of(), List.of(), MailHeaders.NONE))));

    assertThat(published).extracting(ContactEmailLogged::contactId).containsExactly("carla");
    assertThat(history.page(HistoryQuery.all("t1", "carla@work.example"), null, 10)).isEmpty();
    assertThat(history.page(HistoryQuery.all("t1", "carla"), null, 10)).hasSize(1);
  }

  @Test
  void mailOfAContactMergedTwiceOverLandsWithTheLastSurvivorOncePerMessage() {
    contacts("carla@work.example", "carla@home.example");
    tombstones.merged(new ContactKey("t1", "carla@work.example"), "carla@home.example");
    tombstones.merged(new ContactKey("t1", "carla@home.example"), "carla");

    logging.log(List.of(received(mail("carla@work.example", List.of(ACCOUNT, "carla@home.example"), List.of(), List.of(), MailHeaders.NONE))));

    assertThat(published).extracting(ContactEmailLogged::contactId).containsExactly("carla");
    assertThat(history.page(HistoryQuery.all("t1", "carla"), null, 10)).hasSize(1);
  }

  /** What a privacy request does first: the tombstone, then the entries go. */
  private void erase(String contactId) {
    tombstones.erased(new ContactKey("t1", contactId), Instant.now());
    history.eraseContact("t1", contactId);
  }

  /** Contacts of tenant t1 whose id is their address, as the CRM wrote it. */
  private void contacts(String... addresses) {
    for (String address : addresses) {
      directory.save(new Contact(new ContactKey("t1", address), null, List.of(Addresses.exact(address))), Set.of());
    }
  }

  private static MailMessage mail(String from, List<String> to, List<String> cc, List<String> bcc, MailHeaders headers) {
    return new MailMessage("m-" + UUID.randomUUID() + "@test.example", "Subject", Instant.now(), EmailAddress.of(from),
        to.stream().map(EmailLoggingTest::address).toList(), cc.stream().map(EmailAddress::of).toList(), bcc.stream().map(EmailAddress::of).toList(),
        "text", null, false, List.of(), headers);
  }

  /** {@code a@b} or {@code Name <a@b>}. */
  private static EmailAddress address(String written) {
    int open = written.indexOf('<');
    return open < 0 ? EmailAddress.of(written) : new EmailAddress(written.substring(0, open).strip(), written.substring(open + 1, written.indexOf('>')));
  }

  private static EmailEvent received(MailMessage message) {
    return new EmailReceived(UUID.randomUUID(), Instant.now(), "conn-1", "t1", "user-1", new MailboxLocation("INBOX", 1, 1), message, MailOrigin.LIVE, List.of(ACCOUNT));
  }

  private static EmailEvent receivedOn(String connectionId, MailMessage message) {
    return new EmailReceived(UUID.randomUUID(), Instant.now(), connectionId, "t1", "user-1", new MailboxLocation("INBOX", 1, 1), message, MailOrigin.LIVE, List.of(ACCOUNT));
  }

  private static EmailEvent sent(MailMessage message) {
    return new EmailSent(UUID.randomUUID(), Instant.now(), "conn-1", "t1", "user-1", new MailboxLocation("Sent", 1, 1), message, MailOrigin.LIVE, List.of(ACCOUNT));
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
