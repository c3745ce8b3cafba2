package com.emailsync.connection.mailbox;

import java.time.Instant;

/**
 * Marks a stored change the sync workers have not been told about yet. MongoDB and Kafka cannot commit together, so
 * the change is stored with this mark first and the mark is cleared once Kafka has acknowledged the event; a mark left
 * behind (broker down, process killed) is found and published again by {@link MailboxConnections#republishPending}.
 *
 * @param mark unique per change, so clearing an older change's mark never hides a newer change
 */
public record PendingPublication(String mark, Instant since) {

  /** A stored connection together with its change that is still waiting to be published. */
  public record Waiting(Connection connection, PendingPublication pending) {}
}
