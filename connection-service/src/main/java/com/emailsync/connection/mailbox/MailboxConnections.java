package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.secrets.CredentialBinding;
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

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MailboxConnections.class);

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
            atRest.seal(request.password(), new CredentialBinding(request.tenantId(), id, request.imap().host(), request.imap().username())),
            folders,
            ConnectionStatus.CONNECTED,
            now,
            now,
            0,
            null,
            now,
            request.aliases(),
            request.backfill(),
            null,
            1,
            request.oauth() == null
                ? null
                : OAuthGrant.signedIn(request.oauth().provider(),
                    atRest.seal(request.oauth().refreshToken(), new CredentialBinding(request.tenantId(), id, request.imap().host(), request.imap().username()).forRefreshToken()),
                    request.oauth().accessTokenExpiresAt(), now, request.oauth().reconsentAfter()));
    PendingPublication pending = pending();
    repository.insert(connection, pending);
    try {
      publish(connection);
    } catch (ConnectionPublisher.PublishFailed e) {
      // Kept, not undone: a publish that timed out may still reach the topic, and workers would then sync a connection
      // nobody can list or delete. It goes out with the other missed changes (republishPending).
      throw new ConnectionPublisher.PublishFailed(
          "The connection is saved as %s, but the event broker did not acknowledge it in time; the sync workers will get it automatically once the broker is reachable. Do not connect the mailbox again."
              .formatted(connection.id()),
          e, connection.id());
    }
    lastWord(connection, pending);
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
    // Applied to the connection as it is when stored, not as it was before the (slow) listing.
    return change(tenantId, connectionId, current -> current.withFolders(current.reselect(known, wanted)));
  }

  /**
   * Replaces the password after the mail server has accepted it, so a wrong one is refused now and the working one
   * stays; the workers are told at once and sync again within a tick, however long an earlier rejection made them wait.
   */
  public Connection changePassword(String tenantId, String connectionId, String password)
      throws MailboxUnreachable, ConnectionPublisher.PublishFailed {
    Connection connection = get(tenantId, connectionId);
    if (connection.oauth() != null) {
      throw new SignedInByOAuth(connectionId);
    }
    probe.listFolders(connection.imap(), password);
    String sealed = atRest.seal(password, connection.credentialBinding());
    return change(tenantId, connectionId, current -> current.withPassword(sealed));
  }

  /** Replaces the account's aliases: its other addresses, never contacts, whose mail the account sent. */
  public Connection changeAliases(String tenantId, String connectionId, List<String> aliases) throws ConnectionPublisher.PublishFailed {
    return change(tenantId, connectionId, current -> current.withAliases(aliases));
  }

  /** Re-reads the selected folders from the connection's start; downstream de-duplication keeps history exact. */
  public Connection resync(String tenantId, String connectionId) throws ConnectionPublisher.PublishFailed {
    return change(tenantId, connectionId, Connection::withResyncRequested);
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
   * ones are still being published by their own request). Each change on its own: one that cannot be published (a
   * record the broker refuses) is put off and the others go out; a round ends after a few failures in a row, as the
   * broker is then down for everyone.
   *
   * @return how many were published
   */
  public int republishPending(Duration grace, int limit) {
    int published = 0;
    int failedInARow = 0;
    for (PendingPublication.Waiting waiting : repository.findUnpublished(clock.instant().minus(grace), limit)) {
      Connection connection = waiting.connection();
      try {
        publish(connection);
        lastWord(connection, waiting.pending());
        published++;
        failedInARow = 0;
      } catch (ConnectionPublisher.PublishFailed e) {
        // Behind the others next time: a change the broker keeps refusing must not hold back every other tenant's.
        repository.postpone(connection.tenantId(), connection.id(), waiting.pending().mark(), clock.instant().plus(RETRY_LATER));
        if (++failedInARow == FAILURES_ENDING_A_ROUND) {
          return published;
        }
      } catch (SecretBox.SecretUnreadableException e) {
        // A password no configured key opens (a key retired too early): this connection waits, the others go out.
        log.error("Connection {} cannot be published: its stored password does not open ({})", connection.id(), e.getMessage());
        repository.postpone(connection.tenantId(), connection.id(), waiting.pending().mark(), clock.instant().plus(RETRY_LATER));
      }
    }
    return published;
  }

  /** How long a change whose publication failed waits before it is tried again. */
  static final Duration RETRY_LATER = Duration.ofMinutes(1);

  private static final int FAILURES_ENDING_A_ROUND = 3;

  public void recordSync(SyncStatusReported report) {
    repository.recordSync(report, ConnectionStatus.after(report.status()));
  }

  /**
   * Applies the change to the connection as stored and stores it over that version, then publishes: if another change
   * was stored meanwhile, the change is applied again to that one, so neither is lost. If publishing fails the change
   * is kept and goes out on its own once the broker is back ({@link #republishPending}).
   */
  private Connection change(String tenantId, String connectionId, java.util.function.UnaryOperator<Connection> change)
      throws ConnectionPublisher.PublishFailed {
    for (int attempt = 1; ; attempt++) {
      // Not found once deleted: a change racing a delete never brings the connection back.
      Connection current = get(tenantId, connectionId);
      Connection updated = change.apply(current);
      PendingPublication pending = pending();
      if (repository.update(updated, pending)) {
        Connection stored = updated.stored();
        try {
          publish(stored);
        } catch (ConnectionPublisher.PublishFailed e) {
          throw new ConnectionPublisher.PublishFailed(
              "The change is saved, but the event broker did not acknowledge it in time; the sync workers will get it automatically once the broker is reachable.",
              e);
        }
        lastWord(stored, pending);
        return stored;
      }
      if (attempt == MOST_ATTEMPTS) {
        throw new TooManyConcurrentChanges(connectionId);
      }
    }
  }

  private static final int MOST_ATTEMPTS = 5;

  /** Connections by OAuth whose access token expires within {@code ahead}, and that nobody refreshes now. */
  public List<Connection> dueForRefresh(Duration ahead, int limit) {
    Instant now = clock.instant();
    return repository.findOAuthRefreshDue(now.plus(ahead), now, limit);
  }

  /**
   * Claims the refresh of the connection's grant until {@code until}: false when another instance claimed it, or the
   * connection changed, first. Nothing the workers care about changes, so nothing is published.
   */
  public boolean claimRefresh(Connection due, Instant until) {
    if (due.oauth() == null || due.oauth().refreshingUntil() != null && due.oauth().refreshingUntil().isAfter(clock.instant())) {
      return false;
    }
    // Only the claim is written: a change still waiting to be published keeps its mark.
    return repository.claimRefresh(due.tenantId(), due.id(), due.version(), until);
  }

  /** The refresh token of a connection by OAuth, to renew its access token with. */
  public String refreshTokenOf(Connection connection) {
    if (connection.oauth() == null) {
      throw new IllegalArgumentException("connection " + connection.id() + " has no OAuth grant");
    }
    return atRest.open(connection.oauth().sealedRefreshToken(), connection.credentialBinding().forRefreshToken());
  }

  /**
   * Stores a renewed access token (and the refresh token to use next, when the provider rotated it) and publishes it
   * sealed for the workers.
   */
  public Connection renewAccessToken(
      Connection connection, String accessToken, @org.jspecify.annotations.Nullable String rotatedRefreshToken, Instant expiresAt,
      @org.jspecify.annotations.Nullable Duration reconsentAfter) throws ConnectionPublisher.PublishFailed {
    String sealedAccess = atRest.seal(accessToken, connection.credentialBinding());
    String sealedRefresh = rotatedRefreshToken == null
        ? connection.oauth().sealedRefreshToken()
        : atRest.seal(rotatedRefreshToken, connection.credentialBinding().forRefreshToken());
    Instant now = clock.instant();
    return change(connection.tenantId(), connection.id(),
        current -> sameGrant(current, connection).withRenewedAccessToken(sealedAccess, sealedRefresh, expiresAt, now, reconsentAfter));
  }

  /**
   * The current state, if it still holds the grant {@code renewing} was read with: a sign-in meanwhile (a new grant,
   * counted from its own sign-in) must not be overwritten by the old grant's refresh, nor marked for re-auth by it.
   * A re-seal rewrites the sealed form of the same grant, so the sign-in time, not the ciphertext, names the grant.
   *
   * @throws GrantReplaced when the owner signed in again meanwhile
   */
  private static Connection sameGrant(Connection current, Connection renewing) {
    if (!signedInTogether(current, renewing)) {
      throw new GrantReplaced(current.id());
    }
    return current;
  }

  /** Whether the connection still holds the grant it was read with (no sign-in replaced it), as stored now. */
  public boolean holdsSameGrant(Connection connection) {
    return repository.find(connection.tenantId(), connection.id()).filter(current -> signedInTogether(current, connection)).isPresent();
  }

  /** Both hold a grant of the same sign-in: the sign-in time, not the sealed form (a re-seal rewrites it), names it. */
  private static boolean signedInTogether(Connection one, Connection other) {
    return one.oauth() != null && other.oauth() != null && one.oauth().signedInAt().equals(other.oauth().signedInAt());
  }

  /** The owner signed in again while the old grant was being refreshed: the new grant stands. */
  public static final class GrantReplaced extends RuntimeException {
    GrantReplaced(String connectionId) {
      super("Connection " + connectionId + " was signed in to again meanwhile");
    }
  }

  /**
   * The owner signed in again to a connected mailbox: a new grant for the same connection (its re-consent counted from
   * now), published to the workers.
   */
  public Connection signInAgain(Connection connection, String accessToken, NewConnection.OAuthTokens tokens) throws ConnectionPublisher.PublishFailed {
    String sealedAccess = atRest.seal(accessToken, connection.credentialBinding());
    var grant = OAuthGrant.signedIn(tokens.provider(), atRest.seal(tokens.refreshToken(), connection.credentialBinding().forRefreshToken()),
        tokens.accessTokenExpiresAt(), clock.instant(), tokens.reconsentAfter());
    return change(connection.tenantId(), connection.id(), current -> current.withSignedInAgain(grant, sealedAccess));
  }

  /**
   * Connections by OAuth whose provider asks for consent again within {@code ahead} and whose owner was not told yet
   * (nor is already asked to sign in again).
   */
  public List<Connection> dueForReauthAnnouncement(Duration ahead, int limit) {
    return repository.findReauthToAnnounce(clock.instant().plus(ahead), limit);
  }

  /**
   * Tells the CRM that the owner must sign in again soon, then records that it was told for this sign-in. The notice
   * goes first: should the record fail, the next round tells again, with the same event id.
   */
  public void announceReauth(Connection connection, String detail) throws ConnectionPublisher.PublishFailed {
    OAuthGrant grant = connection.oauth();
    if (!holdsSameGrant(connection)) {
      // Signed in again since it was found: that sign-in has its own date, and nothing is due.
      return;
    }
    publisher.reauthDue(new com.emailsync.events.ConnectionReauthDue(
        com.emailsync.events.StableId.uuid("reauth-due", connection.id(), grant.signedInAt().toString()), clock.instant(),
        connection.id(), connection.tenantId(), connection.ownerUserId(), connection.emailAddress(), grant.provider(), grant.signedInAt(),
        grant.reauthDueAt(), detail));
    // Only the mark is written, for the sign-in it was made for: a new sign-in meanwhile keeps its own count.
    repository.markReauthAnnounced(connection.tenantId(), connection.id(), grant.signedInAt(), clock.instant());
  }

  /** The access token the workers hold now for a connection by OAuth. */
  public String accessTokenOf(Connection connection) {
    if (connection.oauth() == null) {
      throw new IllegalArgumentException("connection " + connection.id() + " has no OAuth grant");
    }
    return atRest.open(connection.sealedPassword(), connection.credentialBinding());
  }

  /**
   * The provider refused to renew the grant: the connection waits for its owner to sign in again (the workers stop),
   * and the CRM is told, to tell the owner.
   */
  public Connection requireReauth(Connection connection, String detail) throws ConnectionPublisher.PublishFailed {
    // The notice first: should it fail, the connection is not marked yet and the next round refuses and tells again;
    // marked first, a lost notice would never be sent (a connection waiting for its owner is not refreshed).
    publisher.needsReauth(new com.emailsync.events.ConnectionNeedsReauth(UUID.randomUUID(), clock.instant(), connection.id(), connection.tenantId(),
        connection.ownerUserId(), connection.emailAddress(), connection.oauth().provider(), detail));
    return change(connection.tenantId(), connection.id(), current -> sameGrant(current, connection).withReauthRequired());
  }

  /** A password for a mailbox connected by OAuth, which logs in with tokens only. */
  public static final class SignedInByOAuth extends RuntimeException {
    SignedInByOAuth(String connectionId) {
      super("Connection " + connectionId + " signs in with OAuth and has no password: connect the mailbox by OAuth again to renew its sign-in.");
    }
  }

  /** A connection changed by others faster than a change could be applied to it. */
  public static final class TooManyConcurrentChanges extends RuntimeException {
    TooManyConcurrentChanges(String connectionId) {
      super("Connection " + connectionId + " kept changing while this change was being applied; send it again.");
    }
  }

  /**
   * Clears the change's mark now that it is published; if a newer change (or a delete) replaced it meanwhile, that one
   * may have been published before this one, so what is current is published again: the topic's last word is always
   * the stored state.
   */
  private void lastWord(Connection published, PendingPublication pending) throws ConnectionPublisher.PublishFailed {
    if (!repository.markPublished(published.tenantId(), published.id(), pending.mark())) {
      publishCurrent(published.tenantId(), published.id());
    }
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
      return probe.listFolders(connection.imap(), atRest.open(connection.sealedPassword(), connection.credentialBinding()), recordStartOf);
    } catch (MailboxUnreachable e) {
      return connection.folders();
    }
  }

  private void publish(Connection connection) throws ConnectionPublisher.PublishFailed {
    String password = atRest.open(connection.sealedPassword(), connection.credentialBinding());
    publisher.published(
        new ConnectionChanged(
            UUID.randomUUID(),
            clock.instant(),
            connection.id(),
            connection.tenantId(),
            connection.ownerUserId(),
            connection.emailAddress(),
            connection.imap(),
            forWorkers.seal(password, connection.credentialBinding()),
            connection.selectedFolderNames(),
            connection.syncFrom(),
            connection.resyncGeneration(),
            // Waiting for its owner to sign in again: the workers stop, rather than log in with a dead token.
            connection.status() != ConnectionStatus.REAUTH_REQUIRED,
            connection.folderStarts(),
            connection.aliases(),
            connection.backfill()));
  }

  private static boolean isSelectedByDefault(ConnectionFolder folder) {
    return "INBOX".equalsIgnoreCase(folder.name()) || "\\Sent".equalsIgnoreCase(folder.specialUse());
  }
}
