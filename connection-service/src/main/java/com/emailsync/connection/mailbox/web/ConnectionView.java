package com.emailsync.connection.mailbox.web;

import com.emailsync.connection.mailbox.Connection;
import com.emailsync.connection.mailbox.ConnectionFolder;
import com.emailsync.events.ImapSecurity;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A connection as the API shows it: everything but the password. */
record ConnectionView(
    String id,
    String tenantId,
    String ownerUserId,
    String emailAddress,
    List<String> aliases,
    ImapView imap,
    String status,
    List<ConnectionFolder> folders,
    @Nullable BackfillView backfill,
    Instant createdAt,
    Instant syncFrom,
    long resyncGeneration,
    @Nullable Instant lastSyncAt,
    @Nullable String lastSyncStatus,
    @Nullable String lastSyncDetail,
    @Nullable String lastSyncReason,
    @Nullable Instant lastAuthenticatedAt,
    @Nullable CompletenessView completeness,
    @Nullable OAuthView oauth) {

  /**
   * How a mailbox connected by OAuth is signed in; never a token.
   *
   * @param signedInAt when the owner last signed in at the provider
   * @param reauthDueAt when the provider will ask the owner to consent again; null when it does not
   * @param reauthAnnouncedAt when the CRM was told of it ({@code ConnectionReauthDue}); null until then
   */
  record OAuthView(String provider, Instant signedInAt, @Nullable Instant reauthDueAt, @Nullable Instant reauthAnnouncedAt, Instant accessTokenExpiresAt) {
    static @Nullable OAuthView of(com.emailsync.connection.mailbox.@Nullable OAuthGrant grant) {
      return grant == null
          ? null
          : new OAuthView(grant.provider(), grant.signedInAt(), grant.reauthDueAt(), grant.reauthAnnouncedAt(), grant.accessTokenExpiresAt());
    }
  }

  /** @param auth PASSWORD or XOAUTH2: how the workers log in */
  record ImapView(String host, int port, ImapSecurity security, String username, com.emailsync.events.ImapAuth auth) {}

  /**
   * The latest reconciliation: of the messages in the synced folders' synced ranges, how many the sync had missed and
   * how many of those it has read since; {@code percent} is the share published after that repair.
   */
  record CompletenessView(double percent, long messages, long missing, long republished, Instant checkedAt) {
    static @Nullable CompletenessView of(com.emailsync.events.SyncStatusReported.@Nullable Completeness c) {
      return c == null ? null : new CompletenessView(Math.floor(c.percent() * 100) / 100, c.messages(), c.missing(), c.republished(), c.checkedAt());
    }
  }

  /** As it was asked for: {@code {"all": true}} or {@code {"days": 90}}. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  record BackfillView(@Nullable Boolean all, @Nullable Integer days) {
    static @Nullable BackfillView of(com.emailsync.events.ConnectionChanged.@Nullable Backfill backfill) {
      return backfill == null ? null : backfill.all() ? new BackfillView(true, null) : new BackfillView(null, backfill.days());
    }
  }

  static ConnectionView of(Connection c) {
    var lastSync = c.lastSync();
    return new ConnectionView(
        c.id(),
        c.tenantId(),
        c.ownerUserId(),
        c.emailAddress(),
        c.aliases(),
        new ImapView(c.imap().host(), c.imap().port(), c.imap().security(), c.imap().username(), c.imap().auth()),
        c.status().name(),
        c.folders(),
        BackfillView.of(c.backfill()),
        c.createdAt(),
        c.syncFrom(),
        c.resyncGeneration(),
        lastSync == null ? null : lastSync.at(),
        lastSync == null ? null : lastSync.status(),
        lastSync == null ? null : lastSync.detail(),
        lastSync == null ? null : lastSync.reason(),
        c.lastAuthenticatedAt(),
        CompletenessView.of(c.completeness()),
        OAuthView.of(c.oauth()));
  }
}
