package com.emailsync.syncworker.sync;

import com.emailsync.events.ConnectionChanged;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A connection as this worker syncs it: the worker's own type, so the wire event can grow without the sync engine
 * following every field.
 *
 * @param sealedCredential the password sealed for the workers; opened only for the login
 * @param partition the connections topic's partition it was read from: whoever owns the partition syncs the mailbox,
 *     and only while it does
 * @param backfill the mail already in the folders when they were selected that is synced as well; null: none
 */
public record Mailbox(
    String connectionId,
    String tenantId,
    String ownerUserId,
    String emailAddress,
    ConnectionChanged.Imap imap,
    String sealedCredential,
    List<String> folders,
    Instant syncFrom,
    long resyncGeneration,
    List<ConnectionChanged.FolderStart> folderStarts,
    List<String> aliases,
    ConnectionChanged.@Nullable Backfill backfill,
    int partition) {

  public Mailbox {
    folders = List.copyOf(folders);
    folderStarts = List.copyOf(folderStarts);
    aliases = List.copyOf(aliases);
  }

  /** The account's own addresses, login address first: never contacts, and mail from them was sent by the account. */
  /** What its credential is sealed for: this tenant, connection, host and username only. */
  public com.emailsync.events.secrets.CredentialBinding credentialBinding() {
    return new com.emailsync.events.secrets.CredentialBinding(tenantId, connectionId, imap.host(), imap.username());
  }

  public List<String> accountAddresses() {
    List<String> own = new java.util.ArrayList<>(List.of(emailAddress));
    aliases.stream().filter(alias -> own.stream().noneMatch(alias::equalsIgnoreCase)).forEach(own::add);
    return List.copyOf(own);
  }

  public static Mailbox of(ConnectionChanged connection, int partition) {
    return new Mailbox(
        connection.connectionId(),
        connection.tenantId(),
        connection.ownerUserId(),
        connection.emailAddress(),
        connection.imap(),
        connection.sealedCredential(),
        connection.folders(),
        connection.syncFrom(),
        connection.resyncGeneration(),
        connection.folderStarts(),
        connection.aliases(),
        connection.backfill(),
        partition);
  }

  /**
   * The same mailbox, whatever the sealed form of its credential: connection-service seals the same password anew on
   * every publication, so the sealed form cannot tell a new password from a republished one.
   */
  public boolean sameMailboxAs(Mailbox other) {
    return equals(new Mailbox(
        other.connectionId, other.tenantId, other.ownerUserId, other.emailAddress, other.imap, sealedCredential, other.folders, other.syncFrom,
        other.resyncGeneration, other.folderStarts, other.aliases, other.backfill, other.partition));
  }

  public Optional<ConnectionChanged.FolderStart> startOf(String folder) {
    return folderStarts.stream().filter(start -> start.folder().equals(folder)).findFirst();
  }

  /** Without the sealed credential, so a logged mailbox never shows even the ciphertext. */
  @Override
  public String toString() {
    return "Mailbox[connectionId=%s, tenantId=%s, folders=%s, resyncGeneration=%d, partition=%d]"
        .formatted(connectionId, tenantId, folders, resyncGeneration, partition);
  }
}
