package com.emailsync.syncworker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.EventMother;
import com.emailsync.events.MailMessage;
import com.emailsync.events.MessageSetAside;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.testsupport.TestKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pass over a mailbox whose messages the test chooses, with what it commits recorded. */
class MailboxSyncTest {

  private static final SecretBox BOX = SecretBox.fromBase64Key(TestKeys.TRANSPORT);

  private final List<Commit> commits = new ArrayList<>();
  /** The cursor of the last commit, found by the next pass, as Kafka would give it back; only where a test asks. */
  private FolderCursor committed;
  private boolean cursorsKept;
  private final List<SyncStatusReported> reports = new ArrayList<>();
  private final List<java.util.UUID> eventIds = new ArrayList<>();
  private final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  private final ConnectionChanged template = EventMother.connectionChanged();
  private final Mailbox connection = Mailbox.of(new ConnectionChanged(
      template.eventId(), template.occurredAt(), template.connectionId(), template.tenantId(), template.ownerUserId(), template.emailAddress(),
      template.imap(), BOX.seal("app-password", new com.emailsync.events.secrets.CredentialBinding(template.tenantId(), template.connectionId(), template.imap().host(), template.imap().username())), List.of("INBOX"), Instant.EPOCH, 0, true), 0);

  record Commit(List<Long> events, List<Long> setAside, long cursor) {}

  private final java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
  private final Clock clock = new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  @Test
  void anUnreadableMessageIsSetAsideWithItsLocationAndTheFolderGoesOnPastIt() {
    var sync = sync(inbox(mail(1), new UnreadableMail(2, null, "it could not be read: broken MIME"), mail(3)));

    SyncStatusReported report = sync.sync(connection);

    assertThat(commits).containsExactly(new Commit(List.of(1L), List.of(2L), 2), new Commit(List.of(3L), List.of(), 3));
    assertThat(report.status()).isEqualTo(SyncStatusReported.Status.MESSAGES_SET_ASIDE);
    assertThat(report.detail()).contains("1 message(s)", "INBOX, UID 2", "broken MIME");
    assertThat(report.messagesPublished()).isEqualTo(2);
    assertThat(reports).containsExactly(report);
    assertThat(registry.get("emailsync.sync.messages").tag("direction", "received").counter().count()).isEqualTo(2);
    assertThat(registry.get("emailsync.sync.messages.set.aside").counter().count()).isEqualTo(1);
    assertThat(registry.get("emailsync.sync.passes").tag("outcome", "messages_set_aside").counter().count()).isEqualTo(1);
    assertThat(registry.get("emailsync.sync.lag").timer().count()).isEqualTo(2);
  }

  /** A backfill of a connection deleted meanwhile stops at the next batch, not at its end; there is no one to report to. */
  @Test
  void aConnectionReleasedDuringItsPassStopsAfterTheBatchItCommittedAndReportsNothing() {
    var sync = sync(inbox(mail(1), mail(2), mail(3), mail(4), mail(5)));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sync.sync(connection, List.of(), commits::isEmpty))
        .isInstanceOf(ConnectionReleased.class);

    assertThat(commits).containsExactly(new Commit(List.of(1L, 2L), List.of(), 2));
    assertThat(reports).isEmpty();
  }

  @Test
  void aMessageTheServerShowedLateUnderALowerUidIsFoundByTheReconciliationAndPublishedOnce() {
    cursorsKept = true;
    List<Fetched> messages = new ArrayList<>(List.of(mail(1), mail(2), mail(4)));
    var inbox = new FakeFolder(messages);
    var sync = sync(inbox);
    SyncStatusReported first = sync.sync(connection);
    assertThat(first.completeness()).as("checked on the first pass").satisfies(c -> {
      assertThat(c.messages()).isEqualTo(3);
      assertThat(c.missing()).isZero();
      assertThat(c.percent()).isEqualTo(100.0);
    });

    // UID 3 shows up only now, below the cursor at 4: a sync that only moves forward would never read it.
    messages.add(mail(3));
    SyncStatusReported beforeDue = sync.sync(connection);
    assertThat(beforeDue.completeness()).as("not due again within the interval").isNull();
    now.set(now.get().plus(java.time.Duration.ofHours(1)));
    SyncStatusReported reconciled = sync.sync(connection);

    assertThat(reconciled.completeness()).satisfies(c -> {
      assertThat(c.messages()).isEqualTo(4);
      assertThat(c.missing()).isEqualTo(1);
      assertThat(c.republished()).isEqualTo(1);
      assertThat(c.percent()).isEqualTo(100.0);
    });
    assertThat(reconciled.messagesPublished()).isEqualTo(1);
    assertThat(commits).extracting(Commit::events).containsExactly(List.of(1L, 2L), List.of(4L), List.of(3L));
    assertThat(committed.seen().contains(3)).isTrue();

    now.set(now.get().plus(java.time.Duration.ofHours(1)));
    assertThat(sync.sync(connection).completeness().missing()).as("published once, never again").isZero();
    assertThat(commits).hasSize(3);
  }

  @Test
  void aFolderWhereNothingArrivedIsNotSelectedAtAll() {
    cursorsKept = true;
    var inbox = new FakeFolder(new ArrayList<>(List.of(mail(1), mail(2)))).withCondstore();
    var sync = sync(inbox);
    sync.sync(connection);
    assertThat(inbox.selected).isEqualTo(1);
    assertThat(committed.highestModSeq()).as("kept with the cursor").isEqualTo(2);

    sync.sync(connection);
    assertThat(inbox.selected).as("one STATUS, no SELECT").isEqualTo(1);

    inbox.arrives(mail(3));
    sync.sync(connection);
    assertThat(inbox.selected).isEqualTo(2);
    assertThat(commits).extracting(Commit::events).containsExactly(List.of(1L, 2L), List.of(3L));
  }

  @Test
  void aFolderThatHadNoMailYetIsSelectedOnceThenLookedAtByStatusOnly() {
    cursorsKept = true;
    var sent = new FakeFolder(new ArrayList<>()).withCondstore();
    var sync = sync(sent);
    sync.sync(connection);
    assertThat(commits).as("its first cursor, with no mail").containsExactly(new Commit(List.of(), List.of(), 0));

    sync.sync(connection);
    assertThat(sent.selected).as("one STATUS, no SELECT").isEqualTo(1);

    sent.arrives(mail(1));
    sync.sync(connection);
    assertThat(sent.selected).isEqualTo(2);
    assertThat(commits).extracting(Commit::events).containsExactly(List.of(), List.of(1L));
  }

  @Test
  void aLargeQuietFolderGetsACursorAtItsStartThatCoversNothingBelowIt() {
    cursorsKept = true;
    // Three messages there before the connection was made: its live start is after them.
    var quiet = new FakeFolder(new ArrayList<>(List.of(mail(1), mail(2), mail(3)))) {
      @Override
      public long lastUidBefore(Instant instant) {
        return 3;
      }
    }.withCondstore();
    var sync = sync(quiet);
    SyncStatusReported first = sync.sync(connection);

    assertThat(commits).containsExactly(new Commit(List.of(), List.of(), 3));
    assertThat(committed.covered().first()).as("what a reconciliation lists starts after the start, not at UID 1").isEqualTo(4);
    assertThat(first.completeness().messages()).as("nothing synced yet, nothing counted").isZero();
    sync.sync(connection);
    assertThat(quiet.selected).as("one STATUS, no SELECT").isEqualTo(1);

    quiet.arrives(mail(4));
    now.set(now.get().plus(java.time.Duration.ofHours(1)));
    SyncStatusReported reconciled = sync.sync(connection);
    assertThat(commits).extracting(Commit::events).containsExactly(List.of(), List.of(4L));
    assertThat(reconciled.completeness().messages()).isEqualTo(1);
    assertThat(reconciled.completeness().missing()).isZero();
  }

  @Test
  void aMessageSetAsideByAReconciliationIsNotSetAsideAgainByTheNext() {
    cursorsKept = true;
    var inbox = new FakeFolder(new ArrayList<>(List.of(mail(1), mail(2), mail(4)))).withCondstore();
    var sync = sync(inbox);
    sync.sync(connection);
    inbox.arrives(new UnreadableMail(3, null, "it could not be read: broken MIME"));
    now.set(now.get().plus(java.time.Duration.ofHours(1)));
    sync.sync(connection);
    now.set(now.get().plus(java.time.Duration.ofHours(1)));
    sync.sync(connection);

    assertThat(commits).flatExtracting(Commit::setAside).as("set aside once, then known").containsExactly(3L);
    assertThat(committed.seen().contains(3)).isTrue();
  }

  @Test
  void aMessageShownLateUnderALowerUidIsReadAtTheNextPassByItsModificationSequence() {
    cursorsKept = true;
    var inbox = new FakeFolder(new ArrayList<>(List.of(mail(1), mail(2), mail(4)))).withCondstore();
    var sync = sync(inbox);
    sync.sync(connection);

    inbox.arrives(mail(3));
    SyncStatusReported next = sync.sync(connection);

    assertThat(next.completeness()).as("no full reconciliation was due").isNull();
    assertThat(commits).extracting(Commit::events).containsExactly(List.of(1L, 2L), List.of(4L), List.of(3L));
    assertThat(committed.seen().contains(3)).isTrue();
    assertThat(committed.highestModSeq()).isEqualTo(4);
    sync.sync(connection);
    assertThat(commits).as("then nothing more: the folder is not even selected").hasSize(3);
  }

  @Test
  void anUnexpectedErrorReachesTheSyncStatusWithASentenceNotAStackTrace() {
    var sync = sync(new FakeFolder(List.of()) {
      @Override
      public List<Fetched> fetchAfter(long uid, int limit) {
        throw new IllegalStateException("bug at line 42");
      }
    });

    SyncStatusReported report = sync.sync(connection);

    assertThat(report.status()).isEqualTo(SyncStatusReported.Status.FAILED);
    assertThat(report.detail()).contains("unexpected error (IllegalStateException)", "tried again").doesNotContain("line 42");
    assertThat(reports).containsExactly(report);
  }

  @Test
  void aFolderTheServerRenumberedGoesOnAfterTheLastMailPublishedFoundByItsMessageId() {
    // m-1..m-3 were published as UIDs 1..3 under UIDVALIDITY 6; the server rebuilt its index: now 11..13, then m-4.
    var renumbered = new FakeFolder(List.of(mail(11, "m-1"), mail(12, "m-2"), mail(13, "m-3"), mail(14, "m-4")), 8);
    var before = new FolderCursor(connection.connectionId(), "INBOX", 6, 3, 0, "m-3", Instant.parse("2026-11-25T09:00:00Z"), SeenUids.NONE);

    sync(renumbered, Optional.of(before)).sync(connection);

    assertThat(commits).containsExactly(new Commit(List.of(14L), List.of(), 14));
  }

  @Test
  void aRenumberedFolderWithoutTheLastMailGoesOnFromItsReceiptTime() {
    var renumbered = new FakeFolder(List.of(mail(11, "m-1"), mail(12, "m-4")), 8) {
      @Override
      public long lastUidBefore(Instant instant) {
        assertThat(instant).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
        return 11;
      }
    };
    var before = new FolderCursor(connection.connectionId(), "INBOX", 6, 3, 0, "m-3-deleted-since", Instant.parse("2026-11-25T09:00:00Z"), SeenUids.NONE);

    sync(renumbered, Optional.of(before)).sync(connection);

    assertThat(commits).containsExactly(new Commit(List.of(12L), List.of(), 12));
  }

  @Test
  void mailFromAnAliasOfTheAccountIsMailItSentAndEveryOwnAddressTravelsWithIt() {
    List<EmailEvent> published = new ArrayList<>();
    var withAlias = Mailbox.of(new ConnectionChanged(
        template.eventId(), template.occurredAt(), template.connectionId(), template.tenantId(), template.ownerUserId(), template.emailAddress(),
        template.imap(), BOX.seal("app-password", new com.emailsync.events.secrets.CredentialBinding(template.tenantId(), template.connectionId(), template.imap().host(), template.imap().username())), List.of("INBOX"), Instant.EPOCH, 0, true, List.of(),
        List.of("Sales@acme.example"), null), 0);
    MailMessage sample = EventMother.mailFromContact();
    var fromAlias = new FetchedMail(1, Instant.now(), new MailMessage("m-alias", sample.subject(), sample.sentAt(),
        com.emailsync.events.EmailAddress.of("sales@acme.example"), sample.to(), List.of(), List.of(), "Hi.", null, false, List.of()));
    sync(inbox(fromAlias), Optional.empty(), published).sync(withAlias);

    assertThat(published).singleElement().satisfies(e -> {
      assertThat(e.direction()).isEqualTo(EmailEvent.Direction.SENT);
      assertThat(e.accountAddresses()).containsExactly(template.emailAddress(), "sales@acme.example");
    });
  }

  @Test
  void readingTheSameMailAgainPublishesTheSameEventId() {
    var folder = inbox(mail(1));

    sync(folder).sync(connection);
    sync(folder).sync(connection);

    assertThat(eventIds).hasSize(2);
    assertThat(eventIds.get(0)).as("a resync or a crash before the cursor moved repeats the same CloudEvent").isEqualTo(eventIds.get(1));
  }

  private MailboxSync sync(FakeFolder inbox) {
    return sync(inbox, Optional.empty());
  }

  private MailboxSync sync(FakeFolder inbox, Optional<FolderCursor> cursor) {
    return sync(inbox, cursor, new ArrayList<>());
  }

  private MailboxSync sync(FakeFolder inbox, Optional<FolderCursor> cursor, List<EmailEvent> published) {
    MailboxReader reader = (connectionId, imap, password) -> new MailboxReader.Session() {
      @Override
      public Optional<MailboxReader.Folder> folder(String name) {
        if (name.equals("INBOX")) {
          inbox.selected++;
        }
        return name.equals("INBOX") ? Optional.of(inbox) : Optional.empty();
      }

      @Override
      public Optional<MailboxReader.FolderState> state(String name) {
        return name.equals("INBOX") ? Optional.of(inbox.state()) : Optional.empty();
      }

      @Override
      public void close() {}
    };
    SyncOutput output = new SyncOutput() {
      @Override
      public List<MessageSetAside> commit(List<EmailEvent> events, List<MessageSetAside> setAside, FolderCursor cursor) {
        events.forEach(e -> eventIds.add(e.eventId()));
        published.addAll(events);
        commits.add(new Commit(events.stream().map(e -> e.location().uid()).toList(), setAside.stream().map(a -> a.location().uid()).toList(), cursor.lastUid()));
        committed = cursor;
        return setAside;
      }

      @Override
      public void publish(List<EmailEvent> events) {}

      @Override
      public void report(SyncStatusReported status) {
        reports.add(status);
      }
    };
    SyncCursors none = new SyncCursors() {
      @Override
      public Optional<FolderCursor> find(String connectionId, String folder) {
        return cursorsKept && committed != null ? Optional.of(committed) : cursor;
      }

      @Override
      public boolean ensureLoaded() {
        return true;
      }
    };
    return new MailboxSync(reader, none, partition -> output, BOX, clock, 2, new SyncMetrics(registry), java.time.Duration.ofHours(1));
  }

  private static FakeFolder inbox(Fetched... messages) {
    return new FakeFolder(List.of(messages));
  }

  private static FetchedMail mail(long uid) {
    return mail(uid, "m-" + uid);
  }

  private static FetchedMail mail(long uid, String messageId) {
    MailMessage template = EventMother.mailFromContact();
    return new FetchedMail(uid, Instant.now(), new MailMessage(messageId, template.subject(), template.sentAt(), template.from(), template.to(),
        template.cc(), List.of(), "Hello.", null, false, List.of()));
  }

  private static class FakeFolder implements MailboxReader.Folder {
    private final List<Fetched> messages;
    private final long uidValidity;
    /** A server with CONDSTORE: each message's modification sequence, and the folder's highest. */
    private final java.util.Map<Long, Long> modSeqOf = new java.util.HashMap<>();
    private long highestModSeq;
    int selected;

    FakeFolder(List<Fetched> messages) {
      this(messages, 7);
    }

    FakeFolder(List<Fetched> messages, long uidValidity) {
      this.messages = messages;
      this.uidValidity = uidValidity;
    }

    /** Keeps modification sequences from now on, as a CONDSTORE server does. */
    FakeFolder withCondstore() {
      messages.forEach(m -> modSeqOf.put(m.uid(), ++highestModSeq));
      return this;
    }

    /** A message shown now, under whatever UID: the folder's HIGHESTMODSEQ moves, its UIDNEXT only if the UID is higher. */
    void arrives(Fetched message) {
      messages.add(message);
      modSeqOf.put(message.uid(), ++highestModSeq);
    }

    MailboxReader.FolderState state() {
      return new MailboxReader.FolderState(uidValidity, messages.stream().mapToLong(Fetched::uid).max().orElse(0) + 1, highestModSeq);
    }

    @Override
    public long highestModSeq() {
      return highestModSeq;
    }

    @Override
    public List<Long> uidsChangedSince(long first, long last, long modSeq) {
      return messages.stream().map(Fetched::uid).filter(uid -> uid >= first && uid <= last && modSeqOf.getOrDefault(uid, 0L) > modSeq).sorted().toList();
    }

    @Override
    public long uidValidity() {
      return uidValidity;
    }

    @Override
    public boolean isSent() {
      return false;
    }

    @Override
    public long lastUidBefore(Instant instant) {
      return 0;
    }

    @Override
    public List<Fetched> fetchAfter(long uid, int limit) {
      return messages.stream().filter(m -> m.uid() > uid).limit(limit).toList();
    }

    @Override
    public java.util.OptionalLong uidOf(String messageId) {
      return messages.stream().filter(m -> m instanceof FetchedMail mail && mail.message().messageId().equals(messageId)).mapToLong(Fetched::uid).max();
    }

    @Override
    public List<Fetched> fetchUids(Collection<Long> uids) {
      return messages.stream().filter(m -> uids.contains(m.uid())).sorted(java.util.Comparator.comparingLong(Fetched::uid)).toList();
    }

    @Override
    public List<Long> uidsBetween(long first, long last) {
      return messages.stream().map(Fetched::uid).filter(uid -> uid >= first && uid <= last).sorted().toList();
    }

    @Override
    public void close() {}
  }
}
