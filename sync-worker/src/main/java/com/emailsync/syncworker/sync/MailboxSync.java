package com.emailsync.syncworker.sync;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.EmailReceived;
import com.emailsync.events.EmailSent;
import com.emailsync.events.FolderCursorAdvanced;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.MailboxLocation;
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

/**
 * One sync pass over a connection: for each selected folder, continue after its cursor (or, the first time, from the
 * moment the connection was made), fetch in batches, and commit each batch's events with the advanced cursor.
 */
public class MailboxSync {

  private final MailboxReader reader;
  private final SyncCursors cursors;
  private final SyncOutput output;
  private final SecretBox credentials;
  private final Clock clock;
  private final int batchSize;

  public MailboxSync(
      MailboxReader reader, SyncCursors cursors, SyncOutput output, SecretBox credentials, Clock clock, int batchSize) {
    this.reader = reader;
    this.cursors = cursors;
    this.output = output;
    this.credentials = credentials;
    this.clock = clock;
    this.batchSize = batchSize;
  }

  public SyncStatusReported sync(ConnectionChanged connection) {
    return sync(connection, List.of());
  }

  /** A pass that also reads the given messages again, for contacts that appeared after they were synced. */
  public SyncStatusReported sync(ConnectionChanged connection, List<Reread> rereads) {
    SyncStatusReported report;
    try {
      report = syncFolders(connection, rereads);
    } catch (MailboxReadFailure failure) {
      report = report(connection, failure.status(), failure.getMessage(), 0);
    } catch (SecretBox.SecretUnreadableException e) {
      report =
          report(
              connection,
              SyncStatusReported.Status.FAILED,
              "The stored credential could not be opened by the sync worker (its transport key differs from connection-service's).",
              0);
    }
    output.report(report);
    return report;
  }

  private SyncStatusReported syncFolders(ConnectionChanged connection, List<Reread> rereads) throws MailboxReadFailure {
    String password = credentials.open(connection.sealedCredential(), connection.connectionId());
    int published = 0;
    List<String> missing = new ArrayList<>();
    try (MailboxReader.Session session = reader.open(connection.imap(), password)) {
      for (String name : connection.folders()) {
        var folder = session.folder(name);
        if (folder.isEmpty()) {
          missing.add(name);
          continue;
        }
        try (MailboxReader.Folder open = folder.get()) {
          published += syncFolder(connection, name, open);
        }
      }
      published += reread(connection, session, rereads);
    }
    if (!missing.isEmpty()) {
      return report(
          connection,
          SyncStatusReported.Status.FOLDER_NOT_FOUND,
          "The mailbox has no folder named %s any more; choose the folders to sync again.".formatted(String.join(", ", missing)),
          published);
    }
    return report(connection, SyncStatusReported.Status.OK, null, published);
  }

  private int syncFolder(ConnectionChanged connection, String name, MailboxReader.Folder folder) throws MailboxReadFailure {
    long uidValidity = folder.uidValidity();
    // A cursor from before a resync, or from before the server renumbered the folder, no longer says what is done.
    var cursor =
        cursors
            .find(connection.connectionId(), name)
            .filter(c -> c.uidValidity() == uidValidity && c.resyncGeneration() == connection.resyncGeneration());
    Instant syncFrom = connection.syncFrom().truncatedTo(ChronoUnit.SECONDS);
    long lastUid = cursor.isPresent() ? cursor.get().lastUid() : folder.lastUidBefore(syncFrom);
    int published = 0;
    while (true) {
      List<FetchedMail> batch = folder.fetchAfter(lastUid, batchSize);
      if (batch.isEmpty()) {
        return published;
      }
      List<EmailEvent> events = new ArrayList<>();
      for (FetchedMail mail : batch) {
        // INTERNALDATE has whole seconds; mail from the second the connection was made counts as after it.
        if (!mail.internalDate().isBefore(syncFrom)) {
          events.add(toEvent(connection, name, folder, uidValidity, mail, MailOrigin.LIVE));
        }
        lastUid = Math.max(lastUid, mail.uid());
      }
      output.commit(
          events,
          new FolderCursorAdvanced(
              UUID.randomUUID(), clock.instant(), connection.connectionId(), name, uidValidity, lastUid, connection.resyncGeneration()));
      published += events.size();
    }
  }

  /**
   * Reads the requested messages again and publishes them as caught up. One that is gone, or whose folder was renumbered
   * (another UIDVALIDITY, another Message-ID at the UID), is skipped: the requester gives up on it after its retries.
   */
  private int reread(ConnectionChanged connection, MailboxReader.Session session, List<Reread> rereads) throws MailboxReadFailure {
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
      ConnectionChanged connection, String folderName, MailboxReader.Folder folder, long uidValidity, FetchedMail mail, MailOrigin origin) {
    var location = new MailboxLocation(folderName, uidValidity, mail.uid());
    boolean sent = folder.isSent() || mail.message().from().address().equals(EmailAddress.of(connection.emailAddress()).address());
    return sent
        ? new EmailSent(UUID.randomUUID(), clock.instant(), connection.connectionId(), connection.tenantId(), connection.ownerUserId(), location, mail.message(), origin, accountAddresses(connection))
        : new EmailReceived(UUID.randomUUID(), clock.instant(), connection.connectionId(), connection.tenantId(), connection.ownerUserId(), location, mail.message(), origin, accountAddresses(connection));
  }

  /** The account's login address (and, when connection-service records them, its aliases): never a contact. */
  private static List<String> accountAddresses(ConnectionChanged connection) {
    return List.of(connection.emailAddress());
  }

  private SyncStatusReported report(ConnectionChanged connection, SyncStatusReported.Status status, @Nullable String detail, int published) {
    return new SyncStatusReported(UUID.randomUUID(), clock.instant(), connection.connectionId(), connection.tenantId(), status, detail, published);
  }
}
