package com.emailsync.syncworker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EmailReceived;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.EmailSent;
import com.emailsync.events.FolderCursorAdvanced;
import com.emailsync.events.SyncStatusReported;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The sync worker against a real Dovecot IMAP server and a real Kafka broker, driven only through topics. */
@TestPropertySource(
    properties = {
      "emailsync.sync.poll-interval=1s",
      "emailsync.sync.tick=100ms",
      "emailsync.sync.batch-size=2",
      // Small enough that a batch of two mid-sized bodies is cut in two by the text its windows ask for.
      "emailsync.sync.batch-bytes=100KB"
    })
class SyncWorkerDovecotIT extends WorkerOnDovecot {

  @Test
  void publishesMailArrivingAfterTheConnectionFromInboxAndSentButNotOlderMail() {
    dovecot.append(user, "app-password", "INBOX", MailFixtures.mail("old-1@customer.example", "carla@customer.example", user, "Before connecting"), Instant.now().minus(Duration.ofHours(2)));
    connect("app-password", Instant.now().minusSeconds(1), List.of("INBOX", "Sent"));

    for (int i = 1; i <= 3; i++) {
      dovecot.append(user, "app-password", "INBOX", MailFixtures.mail("in-" + i + "@customer.example", "Carla <carla@customer.example>", user, "Question " + i));
    }
    dovecot.append(user, "app-password", "Sent", MailFixtures.mail("out-1@acme.example", user, "carla@customer.example", "Answer"));

    List<EmailReceived> received = awaitMine(EmailReceived.class, list -> list.size() >= 3);
    assertThat(received).extracting(e -> e.message().messageId()).containsExactly("in-1@customer.example", "in-2@customer.example", "in-3@customer.example");
    assertThat(received).allSatisfy(e -> {
      assertThat(e.connectionId()).isEqualTo(connectionId);
      assertThat(e.message().from().address()).isEqualTo("carla@customer.example");
      assertThat(e.location().folder()).isEqualTo("INBOX");
    });
    List<EmailSent> sent = awaitMine(EmailSent.class, list -> !list.isEmpty());
    assertThat(sent).singleElement().satisfies(e -> assertThat(e.location().folder()).isEqualTo("Sent"));
    assertThat(mine(topics.events(EmailReceived.class))).noneMatch(e -> e.message().messageId().equals("old-1@customer.example"));

    List<FolderCursorAdvanced> cursors = awaitMine(FolderCursorAdvanced.class, list -> list.stream().anyMatch(c -> c.folder().equals("INBOX") && c.lastUid() == 4));
    assertThat(cursors).allSatisfy(c -> assertThat(c.connectionId()).isEqualTo(connectionId));
    assertThat(cursors).as("Dovecot keeps modification sequences (CONDSTORE): the cursor records HIGHESTMODSEQ")
        .allSatisfy(c -> assertThat(c.highestModSeq()).isPositive());
    awaitMine(SyncStatusReported.class, list -> list.stream().anyMatch(s -> s.status() == SyncStatusReported.Status.OK));
  }

  @Test
  void hostileMailIsReadAsFarAsItCanBeAndNeverStopsTheConnection() {
    connect("app-password", Instant.now().minusSeconds(1), List.of("INBOX", "Sent"));
    dovecot.append(user, "app-password", "INBOX", MailFixtures.raw("""
        Message-ID: <broken-to@customer.example>
        From: carla@customer.example
        To: "unterminated <alice@example.com>
        Subject: Broken address list

        Hello.
        """));
    dovecot.append(user, "app-password", "INBOX", MailFixtures.raw("""
        Message-ID: <utf8@customer.example>
        From: Zoë <zoe@customer.example>
        To: %s
        Subject: Café naïve
        Content-Type: text/plain; charset=x-no-such-charset
        Content-Transfer-Encoding: 8bit

        Grüße.
        """.formatted(user)));
    dovecot.append(user, "app-password", "Sent", MailFixtures.mail("after@acme.example", user, "carla@customer.example", "Still syncing"));

    List<EmailReceived> received = awaitMine(EmailReceived.class, list -> list.size() >= 2);
    assertThat(received).extracting(e -> e.message().messageId()).containsExactly("broken-to@customer.example", "utf8@customer.example");
    assertThat(received.getFirst().message().to()).extracting(a -> a.address()).containsExactly("alice@example.com");
    assertThat(received.get(1).message().subject()).isEqualTo("Café naïve");
    assertThat(received.get(1).message().from().name()).isEqualTo("Zoë");
    assertThat(received.get(1).message().textBody()).startsWith("Grüße.");
    assertThat(awaitMine(EmailSent.class, list -> !list.isEmpty())).extracting(e -> e.message().messageId()).containsExactly("after@acme.example");
    assertThat(awaitMine(SyncStatusReported.class, list -> !list.isEmpty())).allSatisfy(s -> assertThat(s.status()).isEqualTo(SyncStatusReported.Status.OK));
  }

  @Test
  void oldMailFiledIntoASyncedFolderAfterConnectingIsSyncedWhateverItsDate() {
    connect("app-password", Instant.now(), List.of("INBOX", "Sent"));
    // A user files last month's mail from a customer into a synced folder: new to the folder, old by every clock.
    dovecot.append(user, "app-password", "INBOX", MailFixtures.mail("filed-later@customer.example", "carla@customer.example", user, "Last month"),
        Instant.now().minus(Duration.ofDays(30)));

    assertThat(awaitMine(EmailReceived.class, list -> !list.isEmpty())).extracting(e -> e.message().messageId()).containsExactly("filed-later@customer.example");
  }

  @Test
  void aBackfillWindowSyncsTheMailOfItsLastDaysAsBackfillAndNewMailAsLive() {
    dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("ten-days@customer.example", "carla@customer.example", user, "Ten days ago"),
        Instant.now().minus(Duration.ofDays(10)));
    dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("forty-days@customer.example", "carla@customer.example", user, "Forty days ago"),
        Instant.now().minus(Duration.ofDays(40)));
    dovecot.append(user, PASSWORD, "Sent", MailFixtures.mail("sent-yesterday@acme.example", user, "carla@customer.example", "Yesterday"),
        Instant.now().minus(Duration.ofDays(1)));
    connect(PASSWORD, Instant.now(), List.of("INBOX", "Sent"), ConnectionChanged.Backfill.ofDays(30));
    dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("new@customer.example", "carla@customer.example", user, "Today"));

    List<EmailReceived> received = awaitMine(EmailReceived.class, list -> list.size() >= 2);
    assertThat(received).extracting(e -> e.message().messageId(), EmailReceived::origin)
        .containsExactly(tuple("ten-days@customer.example", MailOrigin.BACKFILL), tuple("new@customer.example", MailOrigin.LIVE));
    assertThat(awaitMine(EmailSent.class, list -> !list.isEmpty())).singleElement()
        .satisfies(e -> assertThat(e.origin()).isEqualTo(MailOrigin.BACKFILL));
  }

  @Test
  void aBackfillOfAllSyncsEverythingTheFolderHeld() {
    dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("years-ago@customer.example", "carla@customer.example", user, "Years ago"),
        Instant.now().minus(Duration.ofDays(3000)));
    dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("last-week@customer.example", "carla@customer.example", user, "Last week"),
        Instant.now().minus(Duration.ofDays(7)));
    connect(PASSWORD, Instant.now(), List.of("INBOX"), ConnectionChanged.Backfill.everything());

    assertThat(awaitMine(EmailReceived.class, list -> list.size() >= 2)).extracting(e -> e.message().messageId(), EmailReceived::origin)
        .containsExactly(tuple("years-ago@customer.example", MailOrigin.BACKFILL), tuple("last-week@customer.example", MailOrigin.BACKFILL));
    // The first pass reconciles the folder with the server's UIDs (UID FETCH of the synced range): all read.
    assertThat(awaitMine(SyncStatusReported.class, list -> list.stream().anyMatch(s -> s.completeness() != null)))
        .filteredOn(s -> s.completeness() != null)
        .first()
        .satisfies(s -> {
          assertThat(s.completeness().messages()).isEqualTo(2);
          assertThat(s.completeness().missing()).isZero();
          assertThat(s.completeness().percent()).isEqualTo(100.0);
        });
  }

  /**
   * A deleted connection holds no session on the user's server, even one deleted while a pass reads it: providers
   * count a user's sessions (Dovecot allows 10 from one address, Gmail 15), and sessions left behind would count
   * against the user's next connection until the sweeper's minutes pass. Its backfill stops too, rather than publish
   * the rest of a mailbox nobody syncs any more.
   */
  @Test
  void deletingTheConnectionWhileItsBackfillRunsEndsEveryOneOfItsSessions() {
    List<String> mail = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      mail.add(MailFixtures.mail("old-" + i + "@customer.example", "carla@customer.example", user, "Old " + i));
    }
    dovecot.deliver(user, mail);
    // Batches of two: the backfill is 200 passes' worth of commits, still running when the deletion arrives.
    connect(PASSWORD, Instant.now(), List.of("INBOX", "Sent"), ConnectionChanged.Backfill.everything());
    int publishedBefore = awaitMine(EmailReceived.class, list -> !list.isEmpty()).size();
    disconnect();

    assertThat(publishedBefore).as("the deletion came before the backfill's end").isLessThan(400);
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(dovecot.connectionsOf(user)).as("IMAP sessions Dovecot holds for the deleted connection").isZero());
    assertThat(mine(topics.events(EmailReceived.class))).as("the backfill stopped at the batch after the deletion").hasSizeLessThan(400);
  }

  @Test
  void goesOnAfterTheCursorsOwnMessageWasDeleted() throws Exception {
    connect("app-password", Instant.now(), List.of("INBOX", "Sent"));
    dovecot.append(user, "app-password", "INBOX", MailFixtures.mail("kept@customer.example", "carla@customer.example", user, "Kept"));
    dovecot.append(user, "app-password", "INBOX", MailFixtures.mail("deleted-later@customer.example", "carla@customer.example", user, "Deleted"));
    awaitMine(FolderCursorAdvanced.class, list -> list.stream().anyMatch(c -> c.folder().equals("INBOX") && c.lastUid() == 2));

    try (var store = dovecot.login(user, "app-password")) {
      var inbox = store.getFolder("INBOX");
      inbox.open(jakarta.mail.Folder.READ_WRITE);
      inbox.getMessage(2).setFlag(jakarta.mail.Flags.Flag.DELETED, true);
      inbox.close(true);
    }
    dovecot.append(user, "app-password", "INBOX", MailFixtures.mail("after-deletion@customer.example", "carla@customer.example", user, "After"));

    awaitMine(FolderCursorAdvanced.class, list -> list.stream().anyMatch(c -> c.folder().equals("INBOX") && c.lastUid() == 3));
    assertThat(mine(topics.events(EmailReceived.class))).extracting(e -> e.message().messageId())
        .containsExactly("kept@customer.example", "deleted-later@customer.example", "after-deletion@customer.example");
  }

  @Test
  void aFolderTheServerRenumberedIsNotPublishedAgainAndGoesOnSyncing() {
    connect("app-password", Instant.now(), List.of("INBOX", "Sent"));
    dovecot.append(user, "app-password", "INBOX", MailFixtures.mail("before-renumbering-1@customer.example", "carla@customer.example", user, "One"));
    dovecot.append(user, "app-password", "INBOX", MailFixtures.mail("before-renumbering-2@customer.example", "carla@customer.example", user, "Two"));
    awaitMine(EmailReceived.class, list -> list.size() >= 2);

    dovecot.changeUidValidity(user, "INBOX", 4_000_000_000L);
    dovecot.append(user, "app-password", "INBOX", MailFixtures.mail("after-renumbering@customer.example", "carla@customer.example", user, "Three"));

    awaitMine(FolderCursorAdvanced.class, list -> list.stream().anyMatch(c -> c.uidValidity() == 4_000_000_000L && c.lastUid() == 3));
    assertThat(mine(topics.events(EmailReceived.class))).extracting(e -> e.message().messageId())
        .containsExactly("before-renumbering-1@customer.example", "before-renumbering-2@customer.example", "after-renumbering@customer.example");
  }

  @Test
  void readsTheTextOfMailWithoutDownloadingItsAttachmentsWhateverTheirSize() {
    connect("app-password", Instant.now().minusSeconds(1), List.of("INBOX", "Sent"));
    dovecot.append(user, "app-password", "INBOX",
        MailFixtures.withAttachment("big-1@customer.example", "carla@customer.example", user, "The specs are attached.", "specs.pdf", 3 * 1024 * 1024));
    dovecot.append(user, "app-password", "INBOX",
        MailFixtures.withAttachment("small-1@customer.example", "carla@customer.example", user, "The quote is attached.", "quote.pdf", 300 * 1024));

    List<EmailReceived> received = awaitMine(EmailReceived.class, list -> list.size() >= 2);

    assertThat(received).extracting(e -> e.message().messageId()).containsExactly("big-1@customer.example", "small-1@customer.example");
    assertThat(received.getFirst()).satisfies(e -> {
      assertThat(e.message().textBody()).contains("The specs are attached.");
      assertThat(e.message().attachments()).singleElement().satisfies(a -> {
        assertThat(a.filename()).isEqualTo("specs.pdf");
        assertThat(a.contentType()).isEqualTo("application/pdf");
        assertThat(a.sizeBytes()).as("encoded size, from the structure").isGreaterThan(3 * 1024 * 1024);
      });
    });
    assertThat(received.get(1)).satisfies(e -> {
      assertThat(e.message().textBody()).contains("The quote is attached.");
      assertThat(e.message().attachments()).singleElement().satisfies(a -> assertThat(a.filename()).isEqualTo("quote.pdf"));
    });
    // Sessions stay logged in between passes; deleting the connection ends them, and Dovecot then reports what bodies
    // it sent.
    disconnect();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dovecot.bodiesSentTo(user).fetches()).isPositive());
    assertThat(dovecot.bodiesSentTo(user).bytes()).as("text parts only, neither the 4 MB nor the 400 KB attachment").isLessThan(64 * 1024);
  }

  @Test
  void readsWholeBodiesOfAnySizeUpToTheBodyLimitAskingForWindowsSizedByTheStructure() throws Exception {
    connect("app-password", Instant.now().minusSeconds(1), List.of("INBOX", "Sent"));
    // Windows are sized from what BODYSTRUCTURE states, in powers of two: around each step, in quoted-printable (whose
    // encoded form of non-Latin text is larger than the text) and base64, each body must arrive whole, not cut.
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    // Lines end in CRLF, as mail's canonical form has them, so that each body must come back exactly as written.
    texts.put("small@customer.example", "Short note.\r\n");
    texts.put("qp-at-8k@customer.example", "Grüße aus Köln. ".repeat(330) + "\r\n");
    texts.put("qp-70k@customer.example", "Цены на следующий квартал приложены ниже.\r\n".repeat(900));
    texts.put("b64-40k@customer.example", "The quote follows, line after line, for the whole year.\r\n".repeat(700));
    for (var text : texts.entrySet()) {
      var message = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()));
      message.setFrom("carla@customer.example");
      message.setRecipients(jakarta.mail.Message.RecipientType.TO, user);
      message.setSubject("Body of " + text.getKey());
      var alternative = new jakarta.mail.internet.MimeMultipart("alternative");
      var plain = new jakarta.mail.internet.MimeBodyPart();
      plain.setText(text.getValue(), "UTF-8");
      plain.setHeader("Content-Transfer-Encoding", text.getKey().startsWith("b64") ? "base64" : "quoted-printable");
      var html = new jakarta.mail.internet.MimeBodyPart();
      html.setContent("<p>" + text.getValue() + "</p>", "text/html; charset=UTF-8");
      alternative.addBodyPart(plain);
      alternative.addBodyPart(html);
      message.setContent(alternative);
      message.saveChanges();
      message.setHeader("Message-ID", "<" + text.getKey() + ">");
      var out = new java.io.ByteArrayOutputStream();
      message.writeTo(out);
      dovecot.append(user, "app-password", "INBOX", out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    List<EmailReceived> received = awaitMine(EmailReceived.class, list -> list.size() >= texts.size());

    assertThat(received).extracting(e -> e.message().messageId()).containsExactlyElementsOf(texts.keySet());
    for (EmailReceived e : received) {
      String text = texts.get(e.message().messageId());
      assertThat(e.message().textBody()).as(e.message().messageId()).isEqualTo(text);
      assertThat(e.message().htmlBody()).as(e.message().messageId()).isEqualTo("<p>" + text + "</p>");
      assertThat(e.message().bodyTruncated()).as(e.message().messageId()).isFalse();
    }
  }

  @Test
  void readsOnlyTheStartOfAHugeTextBodyAndFlagsItCut() {
    connect("app-password", Instant.now().minusSeconds(1), List.of("INBOX", "Sent"));
    String huge = "Dear Sam, the quarterly figures follow.\n" + "the quarterly figures are attached inline, line after line.\n".repeat(400_000);
    dovecot.append(user, "app-password", "INBOX", MailFixtures.raw("""
        Message-ID: <huge-1@customer.example>
        From: carla@customer.example
        To: %s
        Subject: Twenty megabytes of text
        Content-Type: text/plain; charset=UTF-8

        %s
        """.formatted(user, huge)));

    List<EmailReceived> received = awaitMine(EmailReceived.class, list -> !list.isEmpty());

    assertThat(received).singleElement().satisfies(e -> {
      assertThat(e.message().textBody()).startsWith("Dear Sam, the quarterly figures follow.").hasSizeLessThanOrEqualTo(100_000);
      assertThat(e.message().bodyTruncated()).isTrue();
    });
    disconnect();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dovecot.bodiesSentTo(user).fetches()).isPositive());
    assertThat(dovecot.bodiesSentTo(user).bytes()).as("the start of the 21 MB body, never all of it").isLessThan(2 * 1024 * 1024);
  }

  @Test
  void reportsARejectedPasswordAsAnAuthenticationFailureTheOwnerCanFix() {
    connect("a-revoked-password", Instant.now(), List.of("INBOX", "Sent"));

    List<SyncStatusReported> reports = awaitMine(SyncStatusReported.class, list -> !list.isEmpty());

    assertThat(reports.getFirst().status()).isEqualTo(SyncStatusReported.Status.AUTHENTICATION_FAILED);
    assertThat(reports.getFirst().reason()).isEqualTo(com.emailsync.events.MailboxFailureReason.AUTHENTICATION_FAILED);
    assertThat(reports.getFirst().detail()).contains("rejected the login for " + user).doesNotContain("a-revoked-password");
  }

  @Test
  void syncsAMailboxItLogsInToWithAnOAuthAccessTokenAndReportsARefusedOneAsTheOwnersToRenew() {
    connectWithAccessToken(oauthServer.mailboxToken(user, Duration.ofHours(1)), List.of("INBOX"));
    // Delivered into the Maildir, not appended: no login but the worker's.
    dovecot.deliver(user, List.of(MailFixtures.mail("oauth-1@customer.example", "carla@customer.example", user, "Signed in with OAuth")));

    List<EmailReceived> received = awaitMine(EmailReceived.class, list -> !list.isEmpty());

    assertThat(received).extracting(e -> e.message().messageId()).containsExactly("oauth-1@customer.example");
    // Every login of the worker for this mailbox (the pass's, the IDLE watch's) used the token over XOAUTH2.
    assertThat(dovecot.loginMethodsOf(user)).isNotEmpty().containsOnly("XOAUTH2");

    connectWithAccessToken(oauthServer.mailboxToken(user, Duration.ofMinutes(-5)), List.of("INBOX"));
    List<SyncStatusReported> reports = awaitMine(SyncStatusReported.class,
        list -> list.stream().anyMatch(r -> r.status() == SyncStatusReported.Status.AUTHENTICATION_FAILED));
    assertThat(reports).filteredOn(r -> r.status() == SyncStatusReported.Status.AUTHENTICATION_FAILED).first()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(com.emailsync.events.MailboxFailureReason.AUTHENTICATION_FAILED));
  }
}
