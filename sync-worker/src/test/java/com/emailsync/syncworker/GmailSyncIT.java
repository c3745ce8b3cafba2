package com.emailsync.syncworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EmailReceived;
import com.emailsync.events.GmailIds;
import com.emailsync.events.ImapSecurity;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.testsupport.GmailImapProxy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Gmail (X-GM-EXT-1), where a folder is a label and one message shows in the folder of each label it carries: the
 * worker reads Gmail's ids and labels and publishes each message once, from whichever selected folder it reads first,
 * and never passes a copy over for one it did not publish.
 * Google's servers are out of reach of a test: a proxy adds Gmail's extension in front of a real Dovecot.
 */
@TestPropertySource(
    properties = {
      "emailsync.sync.poll-interval=2s"
    })
class GmailSyncIT extends WorkerOnDovecot {

  GmailImapProxy gmail;

  @BeforeEach
  void putGmailInFront() {
    gmail = GmailImapProxy.inFrontOf(dovecot);
  }

  @AfterEach
  void closeGmail() {
    gmail.close();
  }

  @Override
  ConnectionChanged.Imap endpoint() {
    return new ConnectionChanged.Imap(gmail.host(), gmail.port(), ImapSecurity.NONE, user);
  }

  @Test
  void aMessageWithSeveralSelectedLabelsMakesOneEventWithGmailsIdsAndLabels() {
    for (String folder : List.of("INBOX", "Customers")) {
      dovecot.append(user, PASSWORD, folder, MailFixtures.mail("before-" + folder + "@customer.example", "carla@customer.example", user, "Before"));
    }
    connect(PASSWORD, Instant.now(), List.of("INBOX", "Customers"));
    awaitMine(SyncStatusReported.class, list -> !list.isEmpty());

    // Labelled "Customers" and in INBOX: one copy is published, the other passed over.
    gmail.deliver(user, PASSWORD, MailFixtures.mail("both@customer.example", "carla@customer.example", user, "Quote"),
        1_790_000_000_000_000_001L, 1_790_000_000_000_000_100L, "Customers", "INBOX");
    gmail.deliver(user, PASSWORD, MailFixtures.mail("customers-only@customer.example", "carla@customer.example", user, "Filed"),
        1_790_000_000_000_000_002L, 1_790_000_000_000_000_100L, "Customers");
    gmail.deliver(user, PASSWORD, MailFixtures.mail("last@customer.example", "carla@customer.example", user, "Last"),
        1_790_000_000_000_000_003L, 1_790_000_000_000_000_300L, "Customers", "INBOX");
    awaitMine(EmailReceived.class, list -> list.stream().map(e -> e.message().messageId()).collect(java.util.stream.Collectors.toSet())
        .containsAll(List.of("both@customer.example", "customers-only@customer.example", "last@customer.example")));
    // One more whole pass after that: a copy published twice would be out by its end.
    int passes = mine(topics.events(SyncStatusReported.class)).size();
    awaitMine(SyncStatusReported.class, list -> list.size() >= passes + 2);

    List<EmailReceived> received = mine(topics.events(EmailReceived.class));
    assertThat(received).extracting(e -> e.message().messageId())
        .containsExactlyInAnyOrder("both@customer.example", "customers-only@customer.example", "last@customer.example");
    EmailReceived both = received.stream().filter(e -> e.message().messageId().equals("both@customer.example")).findFirst().orElseThrow();
    assertThat(both.location().folder()).isIn("INBOX", "Customers");
    assertThat(both.message().gmail()).isEqualTo(new GmailIds(1_790_000_000_000_000_001L, 1_790_000_000_000_000_100L, List.of("Customers", "\\Inbox")));
    EmailReceived filed = received.stream().filter(e -> e.message().messageId().equals("customers-only@customer.example")).findFirst().orElseThrow();
    assertThat(filed.location().folder()).isEqualTo("Customers");
    assertThat(filed.message().gmail().threadId()).as("the same conversation as the quote").isEqualTo(both.message().gmail().threadId());
  }

  @Test
  void anOldMessageLabelledAfterConnectingIsPublishedFromItsNewLabelThoughItAlsoShowsInInbox() {
    var quote = new GmailImapProxy.GmailMessage(1_790_000_000_000_000_010L, 1_790_000_000_000_000_010L, List.of("\\Inbox", "Customers"));
    String mail = MailFixtures.mail("old-quote@customer.example", "carla@customer.example", user, "An old quote");
    gmail.deliver(user, PASSWORD, mail, quote, "INBOX");
    dovecot.append(user, PASSWORD, "Customers", MailFixtures.mail("before@customer.example", "carla@customer.example", user, "Before"));
    connect(PASSWORD, Instant.now(), List.of("INBOX", "Customers"));
    awaitMine(SyncStatusReported.class, list -> !list.isEmpty());

    // The user files the old quote under "Customers": its INBOX copy lies below INBOX's start and is never published.
    gmail.deliver(user, PASSWORD, mail, quote, "Customers");

    List<EmailReceived> received = awaitMine(EmailReceived.class, list -> !list.isEmpty());
    assertThat(received).singleElement().satisfies(e -> {
      assertThat(e.message().messageId()).isEqualTo("old-quote@customer.example");
      assertThat(e.location().folder()).isEqualTo("Customers");
      assertThat(e.message().gmail().labels()).containsExactly("\\Inbox", "Customers");
    });
  }
}
