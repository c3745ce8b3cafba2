package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.secrets.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** The use cases of a mailbox connection, from connecting it to deleting it. */
public class MailboxConnections {

  private final ConnectionRepository repository;
  private final MailboxProbe probe;
  private final ConnectionPublisher publisher;
  private final SecretBox atRest;
  private final SecretBox forWorkers;
  private final Clock clock;
  private final Supplier<String> ids;

  public MailboxConnections(
      ConnectionRepository repository,
      MailboxProbe probe,
      ConnectionPublisher publisher,
      SecretBox atRest,
      SecretBox forWorkers,
      Clock clock,
      Supplier<String> ids) {
    this.repository = repository;
    this.probe = probe;
    this.publisher = publisher;
    this.atRest = atRest;
    this.forWorkers = forWorkers;
    this.clock = clock;
    this.ids = ids;
  }

  /**
   * Logs in and lists the folders first, so a wrong password is reported now and nothing is stored. INBOX and the
   * {@code \Sent} folder are selected by default.
   */
  public Connection connect(NewConnection request) throws MailboxUnreachable, ConnectionPublisher.PublishFailed {
    // Each selected folder's UIDNEXT is read in the same session: its sync starts there, by the server's numbering.
    List<ConnectionFolder> listed = probe.listFolders(request.imap(), request.password(), MailboxConnections::isSelectedByDefault);
    List<ConnectionFolder> folders =
        listed.stream().map(f -> f.withSelected(isSelectedByDefault(f))).toList();
    String id = ids.get();
    Instant now = clock.instant();
    var connection =
        new Connection(
            id,
            request.tenantId(),
            request.ownerUserId(),
            request.emailAddress(),
            request.imap(),
            atRest.seal(request.password(), id),
            folders,
            ConnectionStatus.CONNECTED,
            now,
            now,
            0,
            null,
            now,
            request.aliases(),
            request.backfill(),
            null);
    PendingPublication pending = pending();
    repository.insert(connection, pending);
    try {
      publish(connection);
    } catch (ConnectionPublisher.PublishFailed e) {
      // The user is still there to try again: undo rather than let the connection appear later on its own.
      repository.delete(connection.tenantId(), connection.id());
      throw e;
    }
    repository.markPublished(connection.tenantId(), connection.id(), pending.mark());
    return connection;
  }

  public Connection get(String tenantId, String connectionId) {
    return repository.find(tenantId, connectionId).orElseThrow(() -> new ConnectionNotFound(tenantId, connectionId));
  }

  public List<Connection> list(String tenantId) {
    return repository.findAll(tenantId);
  }

  /**
   * Selects exactly these folders. The folder list is read again from the server, so folders created since the
   * connection was made can be chosen; if the server cannot be reached, the known list is used.
   */
  public Connection chooseFolders(String tenantId, String connectionId, List<String> names)
      throws ConnectionPublisher.PublishFailed {
    Connection connection = get(tenantId, connectionId);
    Set<String> wanted = new LinkedHashSet<>(names);
    List<ConnectionFolder> known = currentFolders(connection, folder -> wanted.contains(folder.name()) && connection.startOf(folder.name()).isEmpty());
    Set<String> unknown = new LinkedHashSet<>(wanted);
    known.forEach(folder -> unknown.remove(folder.name()));
    if (!unknown.isEmpty()) {
      throw new UnknownFolders(unknown);
    }
    return store(connection.withFolders(connection.reselect(known, wanted)));
  }

  /**
   * Replaces the password after the mail server has accepted it, so a wrong one is refused now and the working one
   * stays; the workers are told at once and sync again within a tick, however long an earlier rejection made them wait.
   */
  public Connection changePassword(String tenantId, String connectionId, String password)
      throws MailboxUnreachable, ConnectionPublisher.PublishFailed {
    Connection connection = get(tenantId, connectionId);
    probe.listFolders(connection.imap(), password);
    return store(connection.withPassword(atRest.seal(password, connection.id())));
  }

  /** Replaces the account's aliases: its other addresses, never contacts, whose mail the account sent. */
  public Connection changeAliases(String tenantId, String connectionId, List<String> aliases) throws ConnectionPublisher.PublishFailed {
    return store(get(tenantId, connectionId).withAliases(aliases));
  }

  /** Re-reads the selected folders from the connection's start; downstream de-duplication keeps history exact. */
  public Connection resync(String tenantId, String connectionId) throws ConnectionPublisher.PublishFailed {
    return store(get(tenantId, connectionId).withResyncRequested());
  }

  /**
   * Tells the workers first and forgets the connection after: if the broker is down the connection stays, visible and
   * deletable again, instead of vanishing here while the workers go on syncing it.
   */
  public void delete(String tenantId, String connectionId) throws ConnectionPublisher.PublishFailed {
    get(tenantId, connectionId);
    publisher.deleted(connectionId);
    repository.delete(tenantId, connectionId);
  }

  /**
   * Publishes the changes whose publication failed or was cut short, stored longer ago than {@code grace} (younger
   * ones are still being published by their own request).
   *
   * @return how many were published
   */
  public int republishPending(Duration grace, int limit) {
    int published = 0;
    for (PendingPublication.Waiting waiting : repository.findUnpublished(clock.instant().minus(grace), limit)) {
      Connection connection = waiting.connection();
      try {
        publish(connection);
        if (!repository.markPublished(connection.tenantId(), connection.id(), waiting.pending().mark())) {
          // Changed or deleted while this was being published, and the newer state may have gone out before this
          // older one: publish what is current now, so the newest state is the last word on the topic.
          publishCurrent(connection.tenantId(), connection.id());
        }
        published++;
      } catch (ConnectionPublisher.PublishFailed e) {
        // Still unreachable: the mark stays, the next round tries again.
        return published;
      }
    }
    return published;
  }

  public void recordSync(SyncStatusReported report) {
    repository.recordSync(report, ConnectionStatus.after(report.status()));
  }

  /**
   * Stores first, with a mark, then publishes: if publishing fails the change is kept and goes out on its own once the
   * broker is back ({@link #republishPending}).
   */
  private Connection store(Connection updated) throws ConnectionPublisher.PublishFailed {
    PendingPublication pending = pending();
    repository.update(updated, pending);
    try {
      publish(updated);
    } catch (ConnectionPublisher.PublishFailed e) {
      throw new ConnectionPublisher.PublishFailed(
          "The change is saved, but the event broker did not acknowledge it in time; the sync workers will get it automatically once the broker is reachable.",
          e);
    }
    repository.markPublished(updated.tenantId(), updated.id(), pending.mark());
    return updated;
  }

  private void publishCurrent(String tenantId, String connectionId) throws ConnectionPublisher.PublishFailed {
    var current = repository.find(tenantId, connectionId);
    if (current.isPresent()) {
      publish(current.get());
    } else {
      publisher.deleted(connectionId);
    }
  }

  private PendingPublication pending() {
    return new PendingPublication(UUID.randomUUID().toString(), clock.instant());
  }

  private List<ConnectionFolder> currentFolders(Connection connection, java.util.function.Predicate<ConnectionFolder> recordStartOf) {
    try {
      return probe.listFolders(connection.imap(), atRest.open(connection.sealedPassword(), connection.id()), recordStartOf);
    } catch (MailboxUnreachable e) {
      return connection.folders();
    }
  }

  private void publish(Connection connection) throws ConnectionPublisher.PublishFailed {
    String password = atRest.open(connection.sealedPassword(), connection.id());
    publisher.published(
        new ConnectionChanged(
            UUID.randomUUID(),
            clock.instant(),
            connection.id(),
            connection.tenantId(),
            connection.ownerUserId(),
            connection.emailAddress(),
            connection.imap(),
            forWorkers.seal(password, connection.id()),
            connection.selectedFolderNames(),
            connection.syncFrom(),
            connection.resyncGeneration(),
            true,
            connection.folderStarts(),
            connection.aliases(),
            connection.backfill()));
  }

  private static boolean isSelectedByDefault(ConnectionFolder folder) {
    return "INBOX".equalsIgnoreCase(folder.name()) || "\\Sent".equalsIgnoreCase(folder.specialUse());
  }
}
