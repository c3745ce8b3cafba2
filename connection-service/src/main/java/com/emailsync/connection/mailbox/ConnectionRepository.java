package com.emailsync.connection.mailbox;

import com.emailsync.events.SyncStatusReported;
import java.util.List;
import java.util.Optional;

/** Port: where connections are kept, always looked up within a tenant. */
public interface ConnectionRepository {

  void insert(Connection connection);

  void update(Connection connection);

  Optional<Connection> find(String tenantId, String connectionId);

  List<Connection> findAll(String tenantId);

  boolean delete(String tenantId, String connectionId);

  /** Records a sync outcome unless a later one is already recorded (status events can arrive late). */
  void recordSync(SyncStatusReported report, ConnectionStatus status);
}
