package com.emailsync.syncworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import com.emailsync.imap.HostGuard;
import com.emailsync.imap.ImapSessions;
import com.emailsync.syncworker.sync.MailboxReader;
import com.emailsync.syncworker.sync.imap.AngusMailboxReader;
import com.emailsync.syncworker.sync.imap.MimeMailParser;
import com.emailsync.testsupport.DovecotServer;
import com.emailsync.testsupport.ImapCommandLog;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commands the reader sends a real Dovecot, as a relay in front of it writes them down, and what they answer: what
 * changed in a folder since its cursor, by UID FETCH ... CHANGEDSINCE (RFC 7162), and a folder's numbers, by one STATUS.
 */
class ReaderCommandsDovecotIT {

  private static final String PASSWORD = "app-password";

  private static DovecotServer dovecot;
  private static ImapCommandLog commands;
  private final AngusMailboxReader reader = new AngusMailboxReader(
      new ImapSessions(Duration.ofSeconds(5), Duration.ofSeconds(10), HostGuard.allowing(List.of("127.0.0.1"))), new MimeMailParser(64 * 1024),
      16L << 20, Clock.systemUTC());

  @BeforeAll
  static void startDovecot() {
    DovecotServer.assumeAvailable();
    dovecot = DovecotServer.start("http://127.0.0.1:1/introspect");
    commands = ImapCommandLog.inFrontOf(dovecot);
  }

  @AfterAll
  static void stopDovecot() {
    if (commands != null) {
      commands.close();
    }
    if (dovecot != null) {
      dovecot.close();
    }
  }

  /** What a cursor saw of a folder: its numbering and HIGHESTMODSEQ. */
  private record Seen(long uidValidity, long highestModSeq) {}

  /** Three messages, read once as a pass would, then the first marked read by another client and a fourth delivered. */
  private record Changed(Seen seen, long first, long third) {}

  private Changed threeMessagesThenOneMarkedReadAndOneMore(String user) throws Exception {
    dovecot.addUser(user, PASSWORD);
    long first = dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("one@example.com", "carla@customer.example", user, "One"));
    dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("two@example.com", "carla@customer.example", user, "Two"));
    long third = dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("three@example.com", "carla@customer.example", user, "Three"));
    Seen seen;
    try (var session = reader.open(user, endpoint(user), PASSWORD); var inbox = session.folder("INBOX").orElseThrow()) {
      seen = new Seen(inbox.uidValidity(), inbox.highestModSeq());
    }
    try (Store store = dovecot.login(user, PASSWORD)) {
      var inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      inbox.getMessageByUID(first).setFlag(Flags.Flag.SEEN, true);
      inbox.close(false);
    }
    dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("four@example.com", "carla@customer.example", user, "Four"));
    return new Changed(seen, first, third);
  }

  /**
   * A batch is parsed while the session downloads the next one: a message another client deletes in between is no longer
   * in the folder when its EXPUNGE arrives. It is left out, as if deleted before its download, never set aside as
   * unreadable (which would tell its owner it may be damaged).
   */
  @Test
  void aMessageDeletedBetweenItsDownloadAndItsParseIsLeftOutNotSetAside() throws Exception {
    String user = "expunged@acme.example";
    dovecot.addUser(user, PASSWORD);
    long first = dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("one@example.com", "carla@customer.example", user, "One"));
    long second = dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("two@example.com", "carla@customer.example", user, "Two"));
    long third = dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("three@example.com", "carla@customer.example", user, "Three"));

    try (var session = reader.open(user, endpoint(user), PASSWORD); var inbox = session.folder("INBOX").orElseThrow()) {
      var downloaded = inbox.downloadAfter(0, 10);
      try (Store store = dovecot.login(user, PASSWORD)) {
        var other = (IMAPFolder) store.getFolder("INBOX");
        other.open(Folder.READ_WRITE);
        other.getMessageByUID(second).setFlag(Flags.Flag.DELETED, true);
        other.close(true);
      }
      // The next batch's download learns of the EXPUNGE: Angus Mail sends a NOOP before it once the session was quiet
      // for a second (Dovecot reports no expunge in a UID FETCH), hence the slow polling.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(1500))
          .until(() -> inbox.downloadAfter(third, 10).isEmpty() && inbox.uidsBetween(1, third).equals(List.of(first, third)));

      assertThat(downloaded.parse()).extracting(com.emailsync.syncworker.sync.Fetched::uid).containsExactly(first, third);
    }
  }

  @Test
  void whatChangedBelowTheCursorIsAskedByChangedSinceNeverByQresync() throws Exception {
    String user = "condstore@acme.example";
    Changed changed = threeMessagesThenOneMarkedReadAndOneMore(user);
    commands.clear();

    try (var session = reader.open(user, endpoint(user), PASSWORD); var inbox = session.folder("INBOX").orElseThrow()) {
      assertThat(inbox.highestModSeq()).isGreaterThan(changed.seen().highestModSeq());
      assertThat(inbox.uidsChangedSince(changed.first(), changed.third(), changed.seen().highestModSeq()))
          .as("the message marked read, below the cursor").containsExactly(changed.first());
      assertThat(inbox.uidsBetween(0, changed.first())).as("UIDs start at 1: no \"0:n\", which a server refuses").containsExactly(changed.first());
    }

    assertThat(commands.lines())
        .anyMatch(line -> line.toUpperCase().contains("(CHANGEDSINCE " + changed.seen().highestModSeq() + ")"))
        .as("Dovecot offers QRESYNC, but once enabled its VANISHED responses trip Angus Mail 2.0.5 (see AngusMailboxReader)")
        .noneMatch(line -> line.toUpperCase().contains("QRESYNC"));
  }

  @Test
  void aFolderIsLookedAtWithOneStatusForItsThreeNumbers() throws Exception {
    String user = "status@acme.example";
    Changed changed = threeMessagesThenOneMarkedReadAndOneMore(user);
    commands.clear();

    MailboxReader.FolderState state;
    try (var session = reader.open(user, endpoint(user), PASSWORD)) {
      state = session.state("INBOX").orElseThrow();
    }

    assertThat(state.uidValidity()).isEqualTo(changed.seen().uidValidity());
    assertThat(state.uidNext()).isEqualTo(changed.third() + 2);
    assertThat(state.highestModSeq()).isGreaterThan(changed.seen().highestModSeq());
    assertThat(commands.lines()).filteredOn(line -> line.toUpperCase().contains(" STATUS "))
        .singleElement().asString().containsIgnoringCase("UIDVALIDITY").containsIgnoringCase("UIDNEXT").containsIgnoringCase("HIGHESTMODSEQ");
  }

  @Test
  void aBatchAsksForStructuresHeadersSizesAndReceiptTimesInOneFetchThenForTheTextsByShape() throws Exception {
    String user = "batch@acme.example";
    threeMessagesThenOneMarkedReadAndOneMore(user);
    commands.clear();

    List<com.emailsync.syncworker.sync.Fetched> batch;
    try (var session = reader.open(user, endpoint(user), PASSWORD); var inbox = session.folder("INBOX").orElseThrow()) {
      batch = inbox.fetchAfter(0, 10);
    }

    assertThat(batch).hasSize(4).allSatisfy(fetched -> assertThat(fetched).isInstanceOfSatisfying(com.emailsync.syncworker.sync.FetchedMail.class,
        mail -> assertThat(mail.internalDate()).isAfter(java.time.Instant.now().minusSeconds(600))));
    assertThat(batch).extracting(fetched -> ((com.emailsync.syncworker.sync.FetchedMail) fetched).message().subject())
        .containsExactly("One", "Two", "Three", "Four");
    List<String> fetches = commands.lines().stream().filter(line -> line.toUpperCase().contains("FETCH")).toList();
    assertThat(fetches).filteredOn(line -> line.toUpperCase().contains("BODYSTRUCTURE")).singleElement().asString()
        .containsIgnoringCase("INTERNALDATE").containsIgnoringCase("RFC822.SIZE").containsIgnoringCase("HEADER.FIELDS");
    assertThat(fetches).as("a backfill of all mail starts at the first message, unsearched: the window's UIDs, then structures "
        + "with all the rest, then the texts of the one shape").hasSize(3);
  }

  @Test
  void aKeptLoginsListingServesLaterPassesAndIsListedAgainForAFolderMadeOrDeletedSince() throws Exception {
    String user = "listing@acme.example";
    threeMessagesThenOneMarkedReadAndOneMore(user);
    commands.clear();
    try (var session = reader.open(user, endpoint(user), PASSWORD)) {
      assertThat(session.state("INBOX")).isPresent();
    }
    assertThat(lists()).as("the kept listing of the first pass served this one").isZero();

    try (Store store = dovecot.login(user, PASSWORD)) {
      store.getFolder("Customers").create(Folder.HOLDS_MESSAGES);
    }
    try (var session = reader.open(user, endpoint(user), PASSWORD); var customers = session.folder("Customers").orElseThrow()) {
      assertThat(customers.uidValidity()).isPositive();
    }
    assertThat(lists()).as("a folder made since is looked for in a new listing").isEqualTo(1);

    try (Store store = dovecot.login(user, PASSWORD)) {
      store.getFolder("Customers").delete(false);
    }
    try (var session = reader.open(user, endpoint(user), PASSWORD)) {
      assertThat(session.state("Customers")).as("gone: said so, as for a folder missing from a listing").isEmpty();
      assertThat(session.folder("Customers")).isEmpty();
    }
  }

  /** How many LISTs of the whole mailbox the reader sent since the log was cleared. */
  private static long lists() {
    return commands.lines().stream().filter(line -> line.toUpperCase().matches("\\S+ LIST \"\" \"?\\*\"?")).count();
  }

  private ConnectionChanged.Imap endpoint(String user) {
    return new ConnectionChanged.Imap(commands.host(), commands.port(), ImapSecurity.NONE, user);
  }
}
