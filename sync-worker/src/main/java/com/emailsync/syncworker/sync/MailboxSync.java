package com.emailsync.syncworker.sync;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.EmailReceived;
import com.emailsync.events.EmailSent;
import com.emailsync.events.MailMessage;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.MailboxLocation;
import com.emailsync.events.MessageSetAside;
import com.emailsync.events.StableId;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.secrets.SecretBox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync pass over a connection: for each selected folder, continue after its cursor (or, the first time, from the
 * moment the connection was made), fetch in batches, and commit each batch's events with the advanced cursor; the next
 * batches are downloaded and parsed while the current one commits.
 */
public class MailboxSync {

  private static final Logger log = LoggerFactory.getLogger(MailboxSync.class);

  private final MailboxReader reader;
  private final SyncCursors cursors;
  private final SyncOutputs outputs;
  private final SecretBox credentials;
  private final Clock clock;
  private final int batchSize;
  private final SyncMetrics metrics;
  /** Failed passes per message the server did not send, by connection, folder, UIDVALIDITY and UID. */
  private final java.util.Map<String, Integer> serverAttempts = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int SERVER_ATTEMPTS = 3;
  /** How far below the cursor the UIDs read are kept exactly; further down they count as one range (see SeenUids). */
  static final long EXACT_UIDS = 2_000;
  private final java.time.Duration reconcileInterval;
  /** When each folder (by connection, name and UIDVALIDITY) was last reconciled by this worker. */
  private final Map<String, Instant> reconciledAt = new java.util.concurrent.ConcurrentHashMap<>();
  private final GmailCopies gmailCopies = new GmailCopies();

  public MailboxSync(
      MailboxReader reader, SyncCursors cursors, SyncOutputs outputs, SecretBox credentials, Clock clock, int batchSize) {
    this(reader, cursors, outputs, credentials, clock, batchSize, SyncMetrics.none());
  }

  public MailboxSync(
      MailboxReader reader, SyncCursors cursors, SyncOutputs outputs, SecretBox credentials, Clock clock, int batchSize, SyncMetrics metrics) {
    this(reader, cursors, outputs, credentials, clock, batchSize, metrics, java.time.Duration.ofHours(1));
  }

  /** @param reconcileInterval how often each folder's UIDs are compared with what the sync read */
  public MailboxSync(
      MailboxReader reader, SyncCursors cursors, SyncOutputs outputs, SecretBox credentials, Clock clock, int batchSize, SyncMetrics metrics,
      java.time.Duration reconcileInterval) {
    this.reconcileInterval = reconcileInterval;
    this.reader = reader;
    this.cursors = cursors;
    this.outputs = outputs;
    this.credentials = credentials;
    this.clock = clock;
    this.batchSize = batchSize;
    this.metrics = metrics;
  }

  public SyncStatusReported sync(Mailbox connection) {
    return sync(connection, List.of());
  }

  /**
   * A pass that also reads the given messages again, for contacts that appeared after they were synced.
   *
   * @throws OwnershipLost when the mailbox's partition moved to another worker: nothing of the pass after that point is
   *     committed, and nothing is reported
   */
  public SyncStatusReported sync(Mailbox connection, List<Reread> rereads) {
    return sync(connection, rereads, () -> true);
  }

  /**
   * @param wanted whether the connection is still this worker's to sync, asked between batches: a backfill of 100,000
   *     messages for a connection deleted meanwhile stops at the next batch, not at its end
   * @throws ConnectionReleased when it no longer is: what was committed stays, nothing is reported
   */
  public SyncStatusReported sync(Mailbox connection, List<Reread> rereads, java.util.function.BooleanSupplier wanted) {
    SyncOutput output = outputs.of(connection.partition());
    SyncStatusReported report;
    try {
      report = syncFolders(connection, output, rereads, wanted);
    } catch (OwnershipLost | ConnectionReleased stopped) {
      throw stopped;
    } catch (MailboxReadFailure failure) {
      report = new SyncStatusReported(UUID.randomUUID(), clock.instant(), connection.connectionId(), connection.tenantId(), failure.status(),
          failure.getMessage(), 0, null, failure.reason());
    } catch (SecretBox.SecretUnreadableException e) {
      report =
          report(
              connection,
              SyncStatusReported.Status.FAILED,
              "The stored credential could not be opened by the sync worker (its transport key differs from connection-service's).",
              0);
    } catch (RuntimeException unexpected) {
      // Logged in full here, once; the owner gets a sentence, never a stack trace.
      log.warn("Sync of connection {} stopped by an unexpected error", connection.connectionId(), unexpected);
      report = report(connection, SyncStatusReported.Status.FAILED,
          "The sync stopped on an unexpected error (%s) and is tried again shortly; no mail is lost, it resumes where it stopped. If this stays, tell support the connection id."
              .formatted(unexpected.getClass().getSimpleName()), 0);
    }
    metrics.pass(report.status());
    output.report(report);
    return report;
  }

  private SyncStatusReported syncFolders(Mailbox connection, SyncOutput output, List<Reread> rereads, java.util.function.BooleanSupplier wanted)
      throws MailboxReadFailure {
    String password = credentials.open(connection.sealedCredential(), connection.credentialBinding());
    List<String> missing = new ArrayList<>();
    Pass pass;
    try (MailboxReader.Session session = reader.open(connection.connectionId(), connection.imap(), password)) {
      Map<String, String> labels = session.gmailLabels();
      pass = new Pass(connection.folders().stream().map(labels::get).filter(java.util.Objects::nonNull).toList(), wanted);
      for (String name : connection.folders()) {
        if (nothingArrived(connection, name, session)) {
          continue;
        }
        var folder = session.folder(name);
        if (folder.isEmpty()) {
          missing.add(name);
          continue;
        }
        try (MailboxReader.Folder open = folder.get()) {
          syncFolder(connection, output, name, open, pass);
        }
      }
      pass.published += reread(connection, output, session, rereads);
    }
    if (!missing.isEmpty()) {
      return report(
          connection,
          SyncStatusReported.Status.FOLDER_NOT_FOUND,
          "The mailbox has no folder named %s any more; choose the folders to sync again.".formatted(String.join(", ", missing)),
          pass.published, pass.completeness);
    }
    if (!pass.setAside.isEmpty()) {
      MessageSetAside first = pass.setAside.getFirst();
      return report(
          connection,
          SyncStatusReported.Status.MESSAGES_SET_ASIDE,
          ("%d message(s) could not be read and were set aside; the rest of the mailbox synced. The first: %s, UID %d (%s). "
                  + "Open it in your mail client: it may be damaged or malformed.")
              .formatted(pass.setAside.size(), first.location().folder(), first.location().uid(), first.reason()),
          pass.published, pass.completeness);
    }
    return report(connection, SyncStatusReported.Status.OK, null, pass.published, pass.completeness);
  }

  /** What one pass did, over all its folders. */
  private static final class Pass {
    /** On Gmail, the labels of the selected folders: a message with two of them shows in two of them. */
    final List<String> selectedLabels;
    final java.util.function.BooleanSupplier wanted;
    int published;

    Pass(List<String> selectedLabels, java.util.function.BooleanSupplier wanted) {
      this.selectedLabels = selectedLabels;
      this.wanted = wanted;
    }

    final List<MessageSetAside> setAside = new ArrayList<>();
    /**
     * @param setAside the messages set aside before the commit
     * @param aside all those the commit set aside: those, and mail too large for an event, which was not published
     */
    void committed(List<EmailEvent> events, List<MessageSetAside> setAside, List<MessageSetAside> aside) {
      this.setAside.addAll(aside);
      published += events.size() - (aside.size() - setAside.size());
    }

    /** Summed over the folders reconciled in this pass; null when none was. */
    SyncStatusReported.@Nullable Completeness completeness;

    void reconciled(SyncStatusReported.Completeness folder) {
      completeness = completeness == null
          ? folder
          : new SyncStatusReported.Completeness(folder.checkedAt(), completeness.messages() + folder.messages(),
              completeness.missing() + folder.missing(), completeness.republished() + folder.republished());
    }
  }

  /**
   * Whether the folder can be left unselected this pass: its cursor is current, no UID was given above it, and (on a
   * server with CONDSTORE) its HIGHESTMODSEQ did not move, so not even a message under a lower UID arrived. One STATUS
   * instead of a SELECT and a FETCH: what keeps thousands of polled folders cheap. A folder due for its reconciliation is
   * always selected.
   */
  private boolean nothingArrived(Mailbox connection, String name, MailboxReader.Session session) throws MailboxReadFailure {
    var cursor = currentCursor(connection, name);
    if (cursor.isEmpty() || isDue(connection, name, cursor.get().uidValidity())) {
      return false;
    }
    FolderCursor known = cursor.get();
    return session.state(name)
        .filter(state -> state.uidValidity() == known.uidValidity() && state.uidNext() <= known.lastUid() + 1 && state.highestModSeq() == known.highestModSeq())
        .isPresent();
  }

  private void syncFolder(Mailbox connection, SyncOutput output, String name, MailboxReader.Folder folder, Pass pass) throws MailboxReadFailure {
    long uidValidity = folder.uidValidity();
    // A cursor from before the server renumbered the folder still says what is done, once it finds its place in the new
    // numbering.
    var cursor = currentCursor(connection, name);
    // What the cursor read, and the HIGHESTMODSEQ it saw, stay known only within its numbering.
    var sameNumbering = cursor.filter(c -> c.uidValidity() == uidValidity);
    long lastUid;
    if (sameNumbering.isPresent()) {
      lastUid = sameNumbering.get().lastUid();
    } else if (cursor.isPresent()) {
      lastUid = placeInNewNumbering(connection, name, folder, uidValidity, cursor.get());
    } else {
      lastUid = startingPoint(connection, name, folder, uidValidity);
    }
    var read = new FolderProgress(
        lastUid, cursor.map(FolderCursor::lastMessageId).orElse(null), cursor.map(FolderCursor::lastReceivedAt).orElse(null),
        sameNumbering.map(FolderCursor::covered).orElse(SeenUids.NONE));
    long modSeq = folder.highestModSeq();
    long modSeqBefore = sameNumbering.map(FolderCursor::highestModSeq).orElse(0L);
    boolean modSeqCommitted = false;
    try (var batches = BatchPipeline.readAfter(folder, lastUid, batchSize)) {
      for (List<Fetched> batch = batches.take(); !batch.isEmpty(); batch = batches.take()) {
        commitBatch(connection, output, name, folder, uidValidity, modSeq, batch, read, pass);
        modSeqCommitted = true;
      }
    }
    if (read.seen.isEmpty()) {
      // A folder's first cursor when it had no mail to read starts its range at the UID after its start (the folder's
      // UIDNEXT then), which the sync reads whenever it arrives. Without it, the cursor would stand, as an older worker's
      // cursor without UIDs does, for every UID up to its last: a reconciliation of a large quiet folder would list them
      // all, and count them as synced.
      read.seen = read.seen.plus(List.of(read.lastUid + 1));
    }
    var now = read.cursor(connection, name, uidValidity, modSeq);
    if (isDue(connection, name, uidValidity)) {
      var reconciled = reconcile(connection, output, name, folder, now, pass);
      pass.reconciled(reconciled.completeness());
      // Its repair committed a cursor that records what it read: committing this one now would forget that.
      modSeqCommitted |= reconciled.repair().committed();
    } else if (modSeqBefore != 0 && modSeq != modSeqBefore) {
      // Something changed below the cursor since the last pass (flags, mostly; sometimes a message shown late): CHANGEDSINCE
      // lists only those, so a late message is read now rather than at the next full reconciliation.
      // Up to where the cursor stood before this pass (lastUid): above it, this pass read everything.
      List<Long> changed = folder.uidsChangedSince(read.seen.first(), lastUid, modSeqBefore);
      modSeqCommitted |= readMissing(connection, output, name, folder, now, changed, pass).committed();
    }
    // The new HIGHESTMODSEQ is kept even when nothing else moved, and a folder's first cursor even when it found no
    // mail (an empty Sent, a quiet folder), so the next pass can skip the folder unselected, by one STATUS.
    if (!modSeqCommitted && (sameNumbering.isEmpty() || modSeq != modSeqBefore)) {
      output.commit(List.of(), List.of(), now);
    }
  }

  /** What a folder's pass has read so far: its cursor's makings, advanced batch by batch. */
  private static final class FolderProgress {
    long lastUid;
    @Nullable String lastMessageId;
    @Nullable Instant lastReceivedAt;
    SeenUids seen;

    FolderProgress(long lastUid, @Nullable String lastMessageId, @Nullable Instant lastReceivedAt, SeenUids seen) {
      this.lastUid = lastUid;
      this.lastMessageId = lastMessageId;
      this.lastReceivedAt = lastReceivedAt;
      this.seen = seen;
    }

    FolderCursor cursor(Mailbox connection, String name, long uidValidity, long modSeq) {
      return new FolderCursor(connection.connectionId(), name, uidValidity, lastUid, connection.resyncGeneration(), lastMessageId, lastReceivedAt, seen, modSeq);
    }
  }

  /**
   * Commits one batch's events with the cursor they advance it to, while the next batches are read (BatchPipeline).
   *
   * <p>A method of its own, not the body of the folder's loop: HotSpot compiles a hot loop inside a long method by
   * on-stack replacement, the whole method with all it inlines, which took C2 over a second each time (twice per loop
   * entry point, then once more whole) in the middle of a backfill. A small method called per batch is compiled early
   * and once.
   */
  private void commitBatch(
      Mailbox connection, SyncOutput output, String name, MailboxReader.Folder folder, long uidValidity, long modSeq, List<Fetched> batch,
      FolderProgress read, Pass pass) throws MailboxReadFailure {
    refuseWhileTheServerHoldsBack(connection, name, uidValidity, batch);
    List<EmailEvent> events = new ArrayList<>();
    List<Instant> receivedAt = new ArrayList<>();
    List<MessageSetAside> setAside = new ArrayList<>();
    for (Fetched fetched : batch) {
      switch (fetched) {
        case FetchedMail mail -> {
          MailOrigin origin = originOf(connection, name, uidValidity, mail);
          if (origin == MailOrigin.BACKFILL && beforeTheBackfillWindow(connection, mail)
              || gmailCopies.publishedAlready(connection.connectionId(), mail.message().gmail())) {
            break;
          }
          events.add(toEvent(connection, name, folder, uidValidity, mail, origin));
          receivedAt.add(mail.internalDate());
          read.lastMessageId = mail.message().messageId();
          read.lastReceivedAt = mail.internalDate();
        }
        case UnreadableMail unreadable -> setAside.add(setAside(connection, name, uidValidity, unreadable));
      }
      read.lastUid = Math.max(read.lastUid, fetched.uid());
    }
    read.seen = read.seen.plus(batch.stream().map(Fetched::uid).toList()).joinedBelow(read.lastUid - EXACT_UIDS);
    List<MessageSetAside> aside = output.commit(events, setAside, read.cursor(connection, name, uidValidity, modSeq));
    pass.committed(events, setAside, aside);
    Instant committedAt = clock.instant();
    java.util.Set<Long> notPublished = aside.stream().map(a -> a.location().uid()).collect(java.util.stream.Collectors.toSet());
    rememberGmailCopies(connection, pass, events, notPublished);
    for (int i = 0; i < events.size(); i++) {
      if (!notPublished.contains(events.get(i).location().uid())) {
        metrics.committed(events.get(i), receivedAt.get(i), committedAt);
      }
    }
    metrics.setAside(aside.size());
    if (!pass.wanted.getAsBoolean()) {
      throw new ConnectionReleased(connection.connectionId());
    }
  }

  /** The folder's cursor, unless a resync came after it: then it no longer says what is done. */
  private java.util.Optional<FolderCursor> currentCursor(Mailbox connection, String name) {
    return cursors.find(connection.connectionId(), name).filter(c -> c.resyncGeneration() == connection.resyncGeneration());
  }

  private boolean isDue(Mailbox connection, String name, long uidValidity) {
    Instant last = reconciledAt.get(folderKey(connection, name, uidValidity));
    return last == null || !clock.instant().isBefore(last.plus(reconcileInterval));
  }

  /**
   * Compares the folder's UIDs up to the cursor with those the sync read. A server may show a message under a UID
   * below one it showed before (concurrent deliveries, a replica catching up): a sync that only moves forward would
   * never see it. Those are read now and committed with the cursor that records them, so nothing is lost silently.
   */
  private Reconciled reconcile(Mailbox connection, SyncOutput output, String name, MailboxReader.Folder folder,
      FolderCursor cursor, Pass pass) throws MailboxReadFailure {
    Instant checkedAt = clock.instant();
    SeenUids seen = cursor.seen();
    List<Long> present = seen.isEmpty() ? List.of() : folder.uidsBetween(seen.first(), cursor.lastUid());
    Repair repair = readMissing(connection, output, name, folder, cursor, present, pass);
    reconciledAt.put(folderKey(connection, name, cursor.uidValidity()), checkedAt);
    // A message gone between the listing and the read is no longer in the folder: it counts as neither.
    int gone = repair.missing() - repair.read();
    return new Reconciled(
        new SyncStatusReported.Completeness(checkedAt, present.size() - gone, repair.missing() - gone, repair.republished()), repair);
  }

  private record Reconciled(SyncStatusReported.Completeness completeness, Repair repair) {}

  /** A folder within its numbering: what its cursor, its reconciliation and a message's attempts are kept under. */
  private static String folderKey(Mailbox connection, String name, long uidValidity) {
    return connection.connectionId() + "\n" + name + "\n" + uidValidity;
  }

  /**
   * How many of the candidates the cursor had not seen, how many of those were read (published, set aside, or a Gmail
   * copy of mail published from another folder), and how many published.
   */
  private record Repair(int missing, int read, int republished) {

    /** Whether it committed a cursor: it does whenever the cursor had not seen some of the candidates. */
    boolean committed() {
      return missing > 0;
    }
  }

  /** Reads the candidates the cursor has not seen and commits them with the cursor that records them; none: no commit. */
  private Repair readMissing(Mailbox connection, SyncOutput output, String name, MailboxReader.Folder folder, FolderCursor cursor,
      List<Long> candidates, Pass pass) throws MailboxReadFailure {
    SeenUids seen = cursor.seen();
    List<Long> missing = candidates.stream().filter(uid -> !seen.contains(uid)).toList();
    if (missing.isEmpty()) {
      return new Repair(0, 0, 0);
    }
    List<EmailEvent> events = new ArrayList<>();
    List<MessageSetAside> setAside = new ArrayList<>();
    int publishedFromAnother = 0;
    for (Fetched fetched : folder.fetchUids(missing)) {
      switch (fetched) {
        case FetchedMail mail -> {
          if (gmailCopies.publishedAlready(connection.connectionId(), mail.message().gmail())) {
            publishedFromAnother++;
          } else {
            events.add(toEvent(connection, name, folder, cursor.uidValidity(), mail, originOf(connection, name, cursor.uidValidity(), mail)));
          }
        }
        case UnreadableMail unreadable -> setAside.add(setAside(connection, name, cursor.uidValidity(), unreadable));
      }
    }
    var repaired = new FolderCursor(cursor.connectionId(), name, cursor.uidValidity(), cursor.lastUid(), cursor.resyncGeneration(),
        cursor.lastMessageId(), cursor.lastReceivedAt(), seen.plus(missing), cursor.highestModSeq());
    List<MessageSetAside> aside = output.commit(events, setAside, repaired);
    pass.committed(events, setAside, aside);
    rememberGmailCopies(connection, pass, events, aside.stream().map(a -> a.location().uid()).collect(java.util.stream.Collectors.toSet()));
    int read = events.size() + setAside.size() + publishedFromAnother;
    log.warn("Folder {} of connection {} had {} message(s) the sync had not read (UIDs {}), shown late under lower UIDs; {} read now",
        name, connection.connectionId(), missing.size(), missing.size() > 10 ? missing.subList(0, 10) + "…" : missing, read);
    return new Repair(missing.size(), read, events.size());
  }

  /** The Gmail messages of a commit, once it committed: their copies in other selected folders are passed over. */
  private void rememberGmailCopies(Mailbox connection, Pass pass, List<EmailEvent> events, java.util.Set<Long> notPublished) {
    if (pass.selectedLabels.size() > 1) {
      gmailCopies.committed(connection.connectionId(),
          events.stream().filter(e -> !notPublished.contains(e.location().uid())).map(e -> e.message().gmail()).filter(java.util.Objects::nonNull).toList(),
          pass.selectedLabels);
    }
  }

  private MessageSetAside setAside(Mailbox connection, String name, long uidValidity, UnreadableMail unreadable) {
    return new MessageSetAside(UUID.randomUUID(), clock.instant(), connection.connectionId(), connection.tenantId(),
        new MailboxLocation(name, uidValidity, unreadable.uid()), unreadable.messageId(), unreadable.reason());
  }

  /**
   * A message the server did not send (a NO to its FETCH, throttling) is tried again on later passes, the cursor held
   * before it; only after {@value #SERVER_ATTEMPTS} passes failed on it is it set aside, so one message the server
   * itself cannot read does not block its folder for ever.
   */
  private void refuseWhileTheServerHoldsBack(Mailbox connection, String folderName, long uidValidity, List<Fetched> batch)
      throws MailboxReadFailure {
    List<UnreadableMail> held = new ArrayList<>();
    for (Fetched fetched : batch) {
      if (fetched instanceof UnreadableMail unreadable && unreadable.serverSide()) {
        String key = folderKey(connection, folderName, uidValidity) + "\n" + unreadable.uid();
        if (serverAttempts.merge(key, 1, Integer::sum) < SERVER_ATTEMPTS) {
          held.add(unreadable);
        } else {
          serverAttempts.remove(key);
        }
      }
    }
    if (!held.isEmpty()) {
      throw new MailboxReadFailure(
          SyncStatusReported.Status.FAILED,
          "The mail server did not send %d message(s) of %s (the first, UID %d: %s); they are tried again shortly, and the rest of the mailbox waits for them."
              .formatted(held.size(), folderName, held.getFirst().uid(), held.getFirst().reason()));
    }
  }

  /**
   * Where a cursor from before the server renumbered the folder (a new UIDVALIDITY: a rebuilt index, a migration)
   * stands now: at the new UID of the last mail it published, found by Message-ID; failing that, before the first mail
   * received at or after that mail's INTERNALDATE (mail of the same second may come again, never none). Nothing it
   * published is published again, and what came after it is.
   */
  private static long placeInNewNumbering(Mailbox connection, String name, MailboxReader.Folder folder, long uidValidity, FolderCursor old)
      throws MailboxReadFailure {
    if (old.lastMessageId() != null) {
      var found = folder.uidOf(old.lastMessageId());
      if (found.isPresent()) {
        return found.getAsLong();
      }
    }
    if (old.lastReceivedAt() != null) {
      return folder.lastUidBefore(old.lastReceivedAt());
    }
    return startingPoint(connection, name, folder, uidValidity);
  }

  /**
   * The UID after which a folder's first pass (or its first after a resync) starts: its live start, or further back
   * when the connection asked for a backfill (all of the folder, or what the server received in its last days before
   * the connection was made).
   */
  private static long startingPoint(Mailbox connection, String name, MailboxReader.Folder folder, long uidValidity) throws MailboxReadFailure {
    long live = liveStart(connection, name, folder, uidValidity);
    if (connection.backfill() == null) {
      return live;
    }
    var since = connection.backfill().since(connection.syncFrom());
    return since.isEmpty() ? 0 : Math.min(live, folder.lastUidBefore(since.get()));
  }

  /**
   * The UID after which mail is news: the UIDNEXT recorded when the folder was selected, so that whatever lands in it
   * afterwards syncs, old mail filed into it included, whatever any clock says. Only a folder without one (selected
   * while the server could not be asked, or renumbered since) falls back to the server's receipt times and the moment
   * the connection was made.
   */
  private static long liveStart(Mailbox connection, String name, MailboxReader.Folder folder, long uidValidity) throws MailboxReadFailure {
    var start = recordedStart(connection, name, uidValidity);
    if (start.isPresent()) {
      return start.get().uidNext() - 1;
    }
    return folder.lastUidBefore(connection.syncFrom().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The start recorded when the folder was selected, if it is of the folder's current numbering. */
  private static java.util.Optional<ConnectionChanged.FolderStart> recordedStart(Mailbox connection, String name, long uidValidity) {
    return connection.startOf(name).filter(s -> s.uidValidity() == uidValidity);
  }

  /**
   * UIDs follow arrival in the folder, not receipt dates (mail filed or migrated into it): the backfill starts at the
   * lowest UID received within its window, and what lies among those UIDs received before the window is passed over.
   */
  private static boolean beforeTheBackfillWindow(Mailbox connection, FetchedMail mail) {
    return connection.backfill() != null
        && connection.backfill().since(connection.syncFrom()).filter(since -> mail.internalDate().isBefore(since)).isPresent();
  }

  /**
   * Mail that was in the folder before it was selected is backfill, history that no automation fires on; by the
   * folder's recorded start when it has one, else by the server's receipt time.
   */
  private static MailOrigin originOf(Mailbox connection, String name, long uidValidity, FetchedMail mail) {
    var start = recordedStart(connection, name, uidValidity);
    boolean before = start.isPresent() ? mail.uid() < start.get().uidNext() : mail.internalDate().isBefore(connection.syncFrom().truncatedTo(ChronoUnit.SECONDS));
    return before ? MailOrigin.BACKFILL : MailOrigin.LIVE;
  }

  /**
   * Reads the requested messages again and publishes them as caught up. One that is gone, or whose folder was renumbered
   * (another UIDVALIDITY, another Message-ID at the UID), is skipped: the requester gives up on it after its retries.
   */
  private int reread(Mailbox connection, SyncOutput output, MailboxReader.Session session, List<Reread> rereads) throws MailboxReadFailure {
    Map<String, List<Reread>> byFolder = rereads.stream().collect(Collectors.groupingBy(r -> r.location().folder()));
    int published = 0;
    for (var requested : byFolder.entrySet()) {
      var folder = session.folder(requested.getKey());
      if (folder.isEmpty()) {
        continue;
      }
      try (MailboxReader.Folder open = folder.get()) {
        long uidValidity = open.uidValidity();
        Map<Long, String> expected = requested.getValue().stream()
            .filter(r -> r.location().uidValidity() == uidValidity)
            .collect(Collectors.toMap(r -> r.location().uid(), Reread::messageId, (a, b) -> a));
        List<EmailEvent> events = open.fetchUids(expected.keySet()).stream()
            .flatMap(fetched -> fetched instanceof FetchedMail mail ? java.util.stream.Stream.of(mail) : java.util.stream.Stream.empty())
            .filter(mail -> mail.message().messageId().equals(expected.get(mail.uid())))
            .map(mail -> toEvent(connection, requested.getKey(), open, uidValidity, mail, MailOrigin.CATCH_UP))
            .toList();
        output.publish(events);
        published += events.size();
      }
    }
    return published;
  }

  private EmailEvent toEvent(
      Mailbox connection, String folderName, MailboxReader.Folder folder, long uidValidity, FetchedMail mail, MailOrigin origin) {
    var location = new MailboxLocation(folderName, uidValidity, mail.uid());
    String from = mail.message().from().address();
    boolean sent = folder.isSent() || connection.accountAddresses().stream().anyMatch(own -> EmailAddress.of(own).address().equals(from));
    // The id follows from the mailbox, folder, message and origin: reading the same mail again (a resync, a crash
    // before the cursor moved) publishes the same CloudEvent, which every consumer recognises. The receipt time, sender
    // and date keep apart two different mails that share a Message-ID (a reuse, a forgery).
    MailMessage message = mail.message();
    // A Gmail message is one whatever folder (label) it is read from: a copy published again from another (after a
    // restart of the worker) is the same event.
    UUID eventId = message.gmail() != null
        ? StableId.uuid(connection.connectionId(), "gmail", String.valueOf(message.gmail().messageId()), origin.name())
        : StableId.uuid(connection.connectionId(), folderName, message.messageId(), origin.name(), mail.internalDate().toString(),
            message.from().address(), message.sentAt().toString());
    return sent
        ? new EmailSent(eventId, clock.instant(), connection.connectionId(), connection.tenantId(), connection.ownerUserId(), location, mail.message(), origin, connection.accountAddresses())
        : new EmailReceived(eventId, clock.instant(), connection.connectionId(), connection.tenantId(), connection.ownerUserId(), location, mail.message(), origin, connection.accountAddresses());
  }

  private SyncStatusReported report(Mailbox connection, SyncStatusReported.Status status, @Nullable String detail, int published) {
    return report(connection, status, detail, published, null);
  }

  private SyncStatusReported report(
      Mailbox connection, SyncStatusReported.Status status, @Nullable String detail, int published, SyncStatusReported.@Nullable Completeness completeness) {
    return new SyncStatusReported(UUID.randomUUID(), clock.instant(), connection.connectionId(), connection.tenantId(), status, detail, published,
        completeness);
  }
}
