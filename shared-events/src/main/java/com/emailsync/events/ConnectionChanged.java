package com.emailsync.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The whole current state of a mailbox connection, published to the compacted connections topic on every change; a
 * tombstone (null value) under the same key means the connection was deleted.
 *
 * @param sealedCredential the password sealed for the sync workers ({@code SecretBox}, bound to the tenant, connection, host and username);
 *     never the plain secret
 * @param syncFrom when the connection was made: for a selected folder without a {@link FolderStart}, mail the server
 *     received before this instant is not synced
 * @param resyncGeneration raised by every resync request; a worker that sees a higher value re-reads the folders
 * @param folderStarts where each selected folder's sync starts: the UIDs the folder held when it was selected are
 *     history, everything above is synced, whatever its date (optional on the wire: empty in older events)
 * @param aliases the account's other addresses (send-as aliases, a shared address it answers for): like {@code
 *     emailAddress}, never a contact, and mail from them was sent by the account (optional on the wire)
 * @param backfill the mail already in the selected folders to sync as well; null: none (optional on the wire)
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
    boolean enabled,
    List<FolderStart> folderStarts,
    List<String> aliases,
    @Nullable Backfill backfill)
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
    folderStarts = Require.list(folderStarts);
    aliases = Require.list(aliases);
  }

  /** A connection whose folders carry no start of their own. */
  public ConnectionChanged(
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
      boolean enabled) {
    this(eventId, occurredAt, connectionId, tenantId, ownerUserId, emailAddress, imap, sealedCredential, folders, syncFrom, resyncGeneration,
        enabled, List.of(), List.of(), null);
  }

  /** The start recorded for the folder when it was selected, if any. */
  public java.util.Optional<FolderStart> startOf(String folder) {
    return folderStarts.stream().filter(start -> start.folder().equals(folder)).findFirst();
  }

  /**
   * A folder's UIDVALIDITY and UIDNEXT (RFC 9051 STATUS) at the moment it was selected for sync: mail with a lower UID
   * was there before, mail at or above it came after, by the server's own numbering, not by anyone's clock.
   */
  public record FolderStart(String folder, long uidValidity, long uidNext) {
    public FolderStart {
      Require.text(folder, "folderStarts.folder");
      if (uidNext < 1) {
        throw new IllegalArgumentException("folderStarts.uidNext must be at least 1");
      }
    }
  }

  /**
   * Mail that was in a folder before it was selected, synced as well (as {@link MailOrigin#BACKFILL}): that received in
   * the last {@code days} before the connection was made, or all of it.
   */
  public record Backfill(boolean all, int days) {
    public static final int MOST_DAYS = 36_500;

    public Backfill {
      if (all ? days != 0 : days < 1 || days > MOST_DAYS) {
        throw new IllegalArgumentException("backfill is either all (and no days) or 1 to " + MOST_DAYS + " days");
      }
    }

    public static Backfill ofDays(int days) {
      return new Backfill(false, days);
    }

    public static Backfill everything() {
      return new Backfill(true, 0);
    }

    /** The earliest receipt time to sync for a connection made at {@code connectedAt}; nothing when it is all. */
    public java.util.Optional<Instant> since(Instant connectedAt) {
      return all ? java.util.Optional.empty() : java.util.Optional.of(connectedAt.minus(java.time.Duration.ofDays(days)));
    }
  }

  @Override
  public String aggregateId() {
    return connectionId;
  }

  /**
   * Where the mailbox is and how to log in to it; the username is not a secret, the credential travels sealed.
   *
   * @param auth what the sealed credential is: a password (IMAP LOGIN), or an OAuth access token (SASL XOAUTH2), which
   *     is never sent as a password (optional on the wire: a password when absent)
   */
  public record Imap(String host, int port, ImapSecurity security, String username, ImapAuth auth) {
    public Imap {
      Require.text(host, "imap.host");
      Require.present(security, "imap.security");
      Require.text(username, "imap.username");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("imap.port must be between 1 and 65535");
      }
      auth = auth == null ? ImapAuth.PASSWORD : auth;
    }

    /** A mailbox logged in to with a password. */
    public Imap(String host, int port, ImapSecurity security, String username) {
      this(host, port, security, username, ImapAuth.PASSWORD);
    }
  }

  /** Renders without the sealed credential, so a logged event never shows even the ciphertext. */
  @Override
  public String toString() {
    return "ConnectionChanged[connectionId=%s, tenantId=%s, emailAddress=%s, folders=%s, resyncGeneration=%d, enabled=%s]"
        .formatted(connectionId, tenantId, emailAddress, folders, resyncGeneration, enabled);
  }
}
