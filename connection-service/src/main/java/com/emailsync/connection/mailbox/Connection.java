package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.secrets.CredentialBinding;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A user's connected mailbox.
 *
 * @param sealedPassword the password sealed with the at-rest key and bound to this connection's id; never leaves the
 *     service in this form
 * @param aliases the account's other addresses: never contacts, and mail from them was sent by the account
 * @param backfill the mail already in the selected folders that is synced as well, chosen at connect; null: none
 * @param completeness what the workers' latest reconciliation of the synced folders found; null before the first
 * @param version counts the stored changes: a change is stored only over the version it was made from, so two changes
 *     made at once cannot undo each other (a slow folder change writing back the password a faster change replaced)
 * @param oauth the OAuth grant of a mailbox connected by OAuth ({@code sealedPassword} then holds its access token);
 *     null for a password
 */
public record Connection(
    String id,
    String tenantId,
    String ownerUserId,
    String emailAddress,
    ConnectionChanged.Imap imap,
    String sealedPassword,
    List<ConnectionFolder> folders,
    ConnectionStatus status,
    Instant createdAt,
    Instant syncFrom,
    long resyncGeneration,
    @Nullable SyncHealth lastSync,
    @Nullable Instant lastAuthenticatedAt,
    List<String> aliases,
    ConnectionChanged.@Nullable Backfill backfill,
    SyncStatusReported.@Nullable Completeness completeness,
    long version,
    @Nullable OAuthGrant oauth) {

  public Connection {
    folders = List.copyOf(folders);
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  /** A connection logged in to with a password. */
  public Connection(
      String id, String tenantId, String ownerUserId, String emailAddress, ConnectionChanged.Imap imap, String sealedPassword,
      List<ConnectionFolder> folders, ConnectionStatus status, Instant createdAt, Instant syncFrom, long resyncGeneration,
      @Nullable SyncHealth lastSync, @Nullable Instant lastAuthenticatedAt, List<String> aliases, ConnectionChanged.@Nullable Backfill backfill,
      SyncStatusReported.@Nullable Completeness completeness, long version) {
    this(id, tenantId, ownerUserId, emailAddress, imap, sealedPassword, folders, status, createdAt, syncFrom, resyncGeneration, lastSync,
        lastAuthenticatedAt, aliases, backfill, completeness, version, null);
  }

  /** As stored over this one: the next version. */
  Connection stored() {
    return new Connection(
        id, tenantId, ownerUserId, emailAddress, imap, sealedPassword, folders, status, createdAt, syncFrom,
        resyncGeneration, lastSync, lastAuthenticatedAt, aliases, backfill, completeness, version + 1, oauth);
  }

  /** What its password is sealed for: this tenant, connection, host and username only. */
  public CredentialBinding credentialBinding() {
    return new CredentialBinding(tenantId, id, imap.host(), imap.username());
  }

  public List<String> selectedFolderNames() {
    return folders.stream().filter(ConnectionFolder::selected).map(ConnectionFolder::name).toList();
  }

  Connection withFolders(List<ConnectionFolder> newFolders) {
    return new Connection(
        id, tenantId, ownerUserId, emailAddress, imap, sealedPassword, newFolders, status, createdAt, syncFrom,
        resyncGeneration, lastSync, lastAuthenticatedAt, aliases, backfill, completeness, version, oauth);
  }

  Connection withAliases(List<String> newAliases) {
    return new Connection(
        id, tenantId, ownerUserId, emailAddress, imap, sealedPassword, folders, status, createdAt, syncFrom,
        resyncGeneration, lastSync, lastAuthenticatedAt, newAliases, backfill, completeness, version, oauth);
  }

  /** A renewed access token (sealed), its expiry, and the refresh token to use next (sealed). */
  Connection withRenewedAccessToken(
      String sealedAccessToken, String sealedRefreshToken, Instant expiresAt, Instant now, java.time.@Nullable Duration reconsentAfter) {
    return withAccessToken(sealedAccessToken, oauth.renewed(sealedRefreshToken, expiresAt, now, reconsentAfter));
  }

  /** The owner signed in again: a new grant, counted from now. */
  Connection withSignedInAgain(OAuthGrant newGrant, String sealedAccessToken) {
    return withAccessToken(sealedAccessToken, newGrant);
  }

  private Connection withAccessToken(String sealedAccessToken, OAuthGrant grant) {
    return new Connection(
        id, tenantId, ownerUserId, emailAddress, imap, sealedAccessToken, folders, status == ConnectionStatus.REAUTH_REQUIRED ? ConnectionStatus.CONNECTED : status,
        createdAt, syncFrom, resyncGeneration, lastSync, lastAuthenticatedAt, aliases, backfill, completeness, version, grant);
  }

  /** The provider refused to renew the grant: the owner must sign in again. */
  Connection withReauthRequired() {
    return withGrant(oauth.released(), ConnectionStatus.REAUTH_REQUIRED);
  }

  private Connection withGrant(OAuthGrant grant, ConnectionStatus newStatus) {
    return new Connection(
        id, tenantId, ownerUserId, emailAddress, imap, sealedPassword, folders, newStatus, createdAt, syncFrom, resyncGeneration,
        lastSync, lastAuthenticatedAt, aliases, backfill, completeness, version, grant);
  }

  /** A new password, already checked against the server: the connection is back to connected. */
  Connection withPassword(String newSealedPassword) {
    return new Connection(
        id, tenantId, ownerUserId, emailAddress, imap, newSealedPassword, folders, ConnectionStatus.CONNECTED, createdAt,
        syncFrom, resyncGeneration, lastSync, lastAuthenticatedAt, aliases, backfill, completeness, version, oauth);
  }

  Connection withResyncRequested() {
    return new Connection(
        id, tenantId, ownerUserId, emailAddress, imap, sealedPassword, folders, status, createdAt, syncFrom,
        resyncGeneration + 1, lastSync, lastAuthenticatedAt, aliases, backfill, completeness, version, oauth);
  }

  /**
   * Folders listed now, selected by name. A folder that stays selected keeps the start it had; one selected now starts
   * from what the listing read now (or, when the server could not be asked, from the connection's {@code syncFrom}).
   */
  List<ConnectionFolder> reselect(List<ConnectionFolder> listedNow, Set<String> selectedNames) {
    return listedNow.stream()
        .map(folder -> {
          boolean selected = selectedNames.contains(folder.name());
          return folder.withSelected(selected).withStart(selected ? startOf(folder.name()).orElse(folder.start()) : null);
        })
        .toList();
  }

  /** The start of a folder that is selected and has one. */
  java.util.Optional<ConnectionChanged.FolderStart> startOf(String folderName) {
    return folders.stream().filter(f -> f.selected() && f.name().equals(folderName) && f.start() != null).map(ConnectionFolder::start).findFirst();
  }

  public List<ConnectionChanged.FolderStart> folderStarts() {
    return folders.stream().filter(f -> f.selected() && f.start() != null).map(ConnectionFolder::start).toList();
  }

  /**
   * The outcome of the latest sync pass.
   *
   * @param reason why the mail server could not be read (AUTHENTICATION_FAILED, APP_PASSWORD_REQUIRED, TLS_ERROR...),
   *     finer than {@code status}; null when it could
   */
  public record SyncHealth(Instant at, String status, @Nullable String detail, @Nullable String reason) {}
}
