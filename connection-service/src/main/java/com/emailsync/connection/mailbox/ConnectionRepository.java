package com.emailsync.connection.mailbox;

import com.emailsync.events.SyncStatusReported;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where connections are kept, always looked up within a tenant. */
public interface ConnectionRepository {

  /** Stores a new connection together with the mark of its not yet published creation. */
  void insert(Connection connection, PendingPublication pending);

  /**
   * Stores the connection's new state together with the mark of this not yet published change, if the stored
   * connection is still at {@code connection.version()} (it then is at the next). The last sync and completeness the
   * workers report are theirs and stay as they are.
   *
   * @return false if the connection is gone or another change was stored meanwhile: nothing was stored
   */
  boolean update(Connection connection, PendingPublication pending);

  /**
   * Claims the refresh of a connection's OAuth grant until {@code until}, if it is still at {@code version}; writes
   * nothing else (a pending publication keeps its mark).
   */
  boolean claimRefresh(String tenantId, String connectionId, long version, Instant until);

  /** Puts off the next attempt to publish this change (its mark) until {@code until}. */
  void postpone(String tenantId, String connectionId, String mark, Instant until);

  /**
   * Clears the mark once its change is published, unless a later change has replaced it.
   *
   * @return false if the connection is gone or carries another mark
   */
  boolean markPublished(String tenantId, String connectionId, String mark);

  /** Changes still unpublished that were stored before the given time, oldest first. */
  List<PendingPublication.Waiting> findUnpublished(Instant storedBefore, int limit);

  Optional<Connection> find(String tenantId, String connectionId);

  /**
   * Connections by OAuth whose access token expires before {@code expiringBefore}, not being refreshed by anyone at
   * {@code now} and not waiting for their owner to sign in again; soonest first.
   */
  List<Connection> findOAuthRefreshDue(Instant expiringBefore, Instant now, int limit);

  /** Connections by OAuth due to consent again before {@code dueBefore}, not announced yet, nor waiting for their owner. */
  List<Connection> findReauthToAnnounce(Instant dueBefore, int limit);

  /** Records that the re-consent of the sign-in made at {@code signedInAt} was announced; nothing else is written. */
  void markReauthAnnounced(String tenantId, String connectionId, Instant signedInAt, Instant at);

  List<Connection> findAll(String tenantId);

  boolean delete(String tenantId, String connectionId);

  /**
   * Records a sync outcome unless a later one is already recorded (status events can arrive late), as a new version of
   * the connection.
   */
  void recordSync(SyncStatusReported report, ConnectionStatus status);
}
