package com.emailsync.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The whole current state of a mailbox connection, published to the compacted connections topic on every change; a
 * tombstone (null value) under the same key means the connection was deleted.
 *
 * @param sealedCredential the password sealed for the sync workers ({@code SecretBox}, bound to the connection id);
 *     never the plain secret
 * @param syncFrom mail with an internal date before this instant is not synced
 * @param resyncGeneration raised by every resync request; a worker that sees a higher value re-reads the folders
 */
public record ConnectionChanged(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    String tenantId,
    String ownerUserId,
    String emailAddress,
    Imap imap,
    String sealedCredential,
    List<String> folders,
    Instant syncFrom,
    long resyncGeneration,
    boolean enabled)
    implements DomainEvent {

  public static final String TYPE = "emailsync.connection.changed.v1";

  public ConnectionChanged {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.text(tenantId, "tenantId");
    Require.text(ownerUserId, "ownerUserId");
    Require.text(emailAddress, "emailAddress");
    Require.present(imap, "imap");
    Require.text(sealedCredential, "sealedCredential");
    folders = Require.list(folders);
    Require.present(syncFrom, "syncFrom");
  }

  @Override
  public String aggregateId() {
    return connectionId;
  }

  /** Where the mailbox is; the username is not a secret, the password travels sealed. */
  public record Imap(String host, int port, ImapSecurity security, String username) {
    public Imap {
      Require.text(host, "imap.host");
      Require.present(security, "imap.security");
      Require.text(username, "imap.username");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("imap.port must be between 1 and 65535");
      }
    }
  }

  /** Renders without the sealed credential, so a logged event never shows even the ciphertext. */
  @Override
  public String toString() {
    return "ConnectionChanged[connectionId=%s, tenantId=%s, emailAddress=%s, folders=%s, resyncGeneration=%d, enabled=%s]"
        .formatted(connectionId, tenantId, emailAddress, folders, resyncGeneration, enabled);
  }
}
