package com.emailsync.syncworker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param connectionService connection-service's internal API, which the worker tells of OAuth access tokens a mail
 *     server refused, so they are renewed at once ({@code emailsync.connection-service.*}); without it, a refused token
 *     waits for its scheduled renewal (up to an hour)
 */
@Validated
@ConfigurationProperties("emailsync")
public record SyncWorkerProperties(
    @NotNull @Valid Secrets secrets, @Valid @DefaultValue Sync sync, @Valid @DefaultValue Imap imap,
    @DefaultValue com.emailsync.events.internal.InternalApiClient connectionService) {

  /**
   * @param allowedHosts mail servers inside a private network that may be dialled all the same: host names (also in
   *     clear, security NONE) or CIDR ranges. Empty by default: a host resolving to a private, loopback or metadata
   *     address is refused (SSRF), by the worker as by connection-service
   */
  public record Imap(@DefaultValue java.util.List<String> allowedHosts) {}


  /** @param transportKey base64 AES-256 key shared with connection-service (EMAILSYNC_SECRETS_TRANSPORT_KEY) */
  public record Secrets(@NotBlank String transportKey) {

    @Override
    public String toString() {
      return "Secrets[keys hidden]";
    }
  }

  /**
   * @param pollInterval how often each connection is polled when nothing announced new mail: the safety net under IDLE
   *     and the folder checks
   * @param batchSize messages fetched per UID FETCH and committed per Kafka transaction, at most
   * @param batchBytes how many bytes of text one batch may ask for (the windows of its text sections, never
   *     attachments): a batch of large mail ends early rather than hold more, whatever sizes the server states
   * @param bodyLimit characters kept of each text and HTML body
   * @param parallelism connections synced at the same time by this worker
   * @param authFailureRetry how long a connection whose password was rejected waits before it is tried again (a new
   *     password or a resync tries at once)
   * @param maxEventSize the largest mail event produced (keep it below the broker's {@code message.max.bytes}); bodies
   *     of larger mail are cut to fit
   * @param idle watch each mailbox over a session of its own (IDLE on INBOX, STATUS checks of the other folders)
   * @param idleRenewal how long one IDLE lasts before it is renewed (servers may drop it after 29 minutes)
   * @param idleFolders where the server has no NOTIFY: how many selected folders get an IDLE session of their own (INBOX
   *     first); the rest are checked with STATUS. Each costs a connection, which providers limit (Gmail: 15 per account)
   * @param imapNotify where the server offers NOTIFY (RFC 5465; Dovecot does), one session per mailbox watches every
   *     selected folder; off, the IDLE sessions and STATUS checks of {@code idleFolders} are used everywhere
   * @param folderCheckInterval how often the selected folders IDLE does not cover are checked with STATUS
   * @param keepSessionsFor how long a pass's login is kept unused before it is logged out
   * @param reconcileInterval how often each selected folder's UIDs are compared with those the sync read (mail a server
   *     showed late, below the cursor, is read then); the result is the completeness in the sync status
   * @param transactionalIdPrefix the transactional ids of the per-partition producers start with it: the same on every
   *     worker of a deployment (that is what fences a previous owner), different between deployments on one cluster
   */
  public record Sync(
      @DefaultValue("5m") Duration pollInterval,
      @DefaultValue("500") @Min(1) @Max(1000) int batchSize,
      @DefaultValue("16MB") DataSize batchBytes,
      @DefaultValue("100000") @Min(1000) int bodyLimit,
      @DefaultValue("4") @Min(1) int parallelism,
      @DefaultValue("10s") Duration connectTimeout,
      @DefaultValue("60s") Duration readTimeout,
      @DefaultValue("900KB") DataSize maxEventSize,
      @DefaultValue("1h") Duration authFailureRetry,
      @DefaultValue("emailsync-sync-worker-") @NotBlank String transactionalIdPrefix,
      @DefaultValue("true") boolean idle,
      @DefaultValue("10m") Duration idleRenewal,
      @DefaultValue("30s") Duration folderCheckInterval,
      @DefaultValue("2") @Min(1) @Max(10) int idleFolders,
      @DefaultValue("true") boolean imapNotify,
      @DefaultValue("15m") Duration keepSessionsFor,
      @DefaultValue("1h") Duration reconcileInterval) {}
}
