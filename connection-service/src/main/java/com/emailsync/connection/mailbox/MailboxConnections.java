package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.secrets.SecretBox;
import java.time.Clock;
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
    List<ConnectionFolder> listed = probe.listFolders(request.imap(), request.password());
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
            now);
    repository.insert(connection);
    try {
      publish(connection);
    } catch (ConnectionPublisher.PublishFailed e) {
      // Without the event no worker would ever sync it: undo, so the user can simply try again.
      repository.delete(connection.tenantId(), connection.id());
      throw e;
    }
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
    List<ConnectionFolder> known = currentFolders(connection);
    Set<String> wanted = new LinkedHashSet<>(names);
    Set<String> unknown = new LinkedHashSet<>(wanted);
    known.forEach(folder -> unknown.remove(folder.name()));
    if (!unknown.isEmpty()) {
      throw new UnknownFolders(unknown);
    }
    Connection updated = connection.withFolders(connection.reselect(known, wanted));
    repository.update(updated);
    publish(updated);
    return updated;
  }

  /** Re-reads the selected folders from the connection's start; downstream de-duplication keeps history exact. */
  public Connection resync(String tenantId, String connectionId) throws ConnectionPublisher.PublishFailed {
    Connection updated = get(tenantId, connectionId).withResyncRequested();
    repository.update(updated);
    publish(updated);
    return updated;
  }

  public void delete(String tenantId, String connectionId) throws ConnectionPublisher.PublishFailed {
    if (!repository.delete(tenantId, connectionId)) {
      throw new ConnectionNotFound(tenantId, connectionId);
    }
    publisher.deleted(connectionId);
  }

  public void recordSync(SyncStatusReported report) {
    repository.recordSync(report, ConnectionStatus.after(report.status()));
  }

  private List<ConnectionFolder> currentFolders(Connection connection) {
    try {
      return probe.listFolders(connection.imap(), atRest.open(connection.sealedPassword(), connection.id()));
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
            true));
  }

  private static boolean isSelectedByDefault(ConnectionFolder folder) {
    return "INBOX".equalsIgnoreCase(folder.name()) || "\\Sent".equalsIgnoreCase(folder.specialUse());
  }
}
