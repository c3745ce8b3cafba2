package com.emailsync.syncworker.config;

import com.emailsync.events.EventCodec;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.events.tracing.EmailSyncTracer;
import com.emailsync.imap.HostManners;
import com.emailsync.imap.ImapSessions;
import com.emailsync.syncworker.sync.AssignedConnections;
import com.emailsync.syncworker.sync.MailboxSync;
import com.emailsync.syncworker.sync.MailboxWatch;
import com.emailsync.syncworker.sync.MailboxWatching;
import com.emailsync.syncworker.sync.RefusedAccessTokens;
import com.emailsync.syncworker.sync.SyncMetrics;
import com.emailsync.syncworker.sync.imap.AngusMailboxReader;
import com.emailsync.syncworker.sync.imap.ImapHealthIndicator;
import com.emailsync.syncworker.sync.imap.ImapIdleWatch;
import com.emailsync.syncworker.sync.imap.MimeMailParser;
import com.emailsync.syncworker.sync.internalapi.ConnectionServiceRefusedAccessTokens;
import com.emailsync.syncworker.sync.messaging.ConnectionAssignmentListener;
import com.emailsync.syncworker.sync.messaging.KafkaSyncCursors;
import com.emailsync.syncworker.sync.messaging.PartitionOwnership;
import com.emailsync.syncworker.sync.messaging.RereadListener;
import com.emailsync.syncworker.sync.scheduling.SessionSweeper;
import com.emailsync.syncworker.sync.scheduling.SyncScheduler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

@Configuration(proxyBeanMethods = false)
class SyncWorkerConfiguration {

  @Bean
  EventCodec eventCodec() {
    return new EventCodec("/emailsync/sync-worker");
  }

  @Bean
  AssignedConnections assignedConnections(SyncWorkerProperties properties, KafkaSyncCursors cursors) {
    // The holds are read with the cursors when partitions are taken over, before their connections are assigned here.
    return new AssignedConnections(Clock.systemUTC(), properties.sync().pollInterval(), properties.sync().authFailureRetry(), cursors);
  }

  @Bean
  KafkaSyncCursors syncCursors(ConsumerFactory<String, byte[]> consumers, EventCodec codec) {
    return new KafkaSyncCursors(consumers, codec);
  }

  /** Spring's producer settings (bootstrap servers, security, acks), for the per-partition transactional producers. */
  @Bean(destroyMethod = "revokeAll")
  PartitionOwnership partitionOwnership(
      SyncWorkerProperties properties, ProducerFactory<String, byte[]> producers, KafkaSyncCursors cursors, EventCodec codec) {
    Map<String, Object> config = new HashMap<>(producers.getConfigurationProperties());
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    return new PartitionOwnership(
        config, properties.sync().transactionalIdPrefix(), codec, cursors, Math.toIntExact(properties.sync().maxEventSize().toBytes()), Clock.systemUTC());
  }

  /** One per worker: the limits and the breaker of a host hold for every session to it, passes and watches alike. */
  @Bean
  HostManners hostManners() {
    return new HostManners(HostManners.Settings.DEFAULTS);
  }

  private static com.emailsync.imap.HostGuard guard(SyncWorkerProperties properties) {
    return com.emailsync.imap.HostGuard.allowing(properties.imap().allowedHosts());
  }

  @Bean
  AngusMailboxReader mailboxReader(SyncWorkerProperties properties, HostManners manners) {
    var sync = properties.sync();
    return new AngusMailboxReader(
        new ImapSessions(sync.connectTimeout(), sync.readTimeout(), false, manners, guard(properties)), new MimeMailParser(sync.bodyLimit()),
        sync.batchBytes().toBytes(), Clock.systemUTC());
  }

  /** Its sessions wait in IDLE: their reads may stay silent until the renewal, so their timeout is longer than it. */
  @Bean(destroyMethod = "close")
  MailboxWatch mailboxWatch(SyncWorkerProperties properties, HostManners manners) {
    var sync = properties.sync();
    if (!sync.idle()) {
      return MailboxWatch.NONE;
    }
    Duration silentUpTo = sync.idleRenewal().plus(sync.readTimeout());
    return new ImapIdleWatch(
        new ImapSessions(sync.connectTimeout(), silentUpTo, true, manners, guard(properties)),
        new ImapSessions(sync.connectTimeout(), silentUpTo, false, manners, guard(properties)),
        sync.idleRenewal(), sync.folderCheckInterval(), Duration.ofMinutes(5), sync.idleFolders(), sync.imapNotify(), Clock.systemUTC());
  }

  @Bean
  MailboxWatching mailboxWatching(SyncWorkerProperties properties, AssignedConnections assigned, MailboxWatch watch, AngusMailboxReader reader) {
    return new MailboxWatching(assigned, watch, reader, SecretBox.fromBase64Key(properties.secrets().transportKey()));
  }

  @Bean
  SessionSweeper sessionSweeper(SyncWorkerProperties properties, AngusMailboxReader reader) {
    return new SessionSweeper(reader, properties.sync().keepSessionsFor());
  }

  /** The {@code imap} health contributor: for operators, never part of readiness (see the class). */
  @Bean
  ImapHealthIndicator imapHealthContributor(HostManners manners, AssignedConnections assigned, AngusMailboxReader reader, MailboxWatch watch) {
    return new ImapHealthIndicator(manners, assigned::size, reader::keptSessions, () -> watch instanceof ImapIdleWatch idle ? idle.watching() : 0);
  }

  /** The counters and timers of passes, and gauges of the sessions and mailboxes this worker holds. */
  @Bean
  SyncMetrics syncMetrics(MeterRegistry registry, AngusMailboxReader reader, MailboxWatch watch, AssignedConnections assigned) {
    Gauge.builder("emailsync.sync.sessions", reader, AngusMailboxReader::keptSessions).tag("kind", "pass").description("Logins kept between passes").register(registry);
    if (watch instanceof ImapIdleWatch idle) {
      Gauge.builder("emailsync.sync.sessions", idle, ImapIdleWatch::watching).tag("kind", "idle").description("Mailboxes watched (IDLE and folder checks)").register(registry);
    }
    Gauge.builder("emailsync.sync.connections", assigned, AssignedConnections::size).description("Connections this worker owns").register(registry);
    return new SyncMetrics(registry);
  }

  @Bean
  MailboxSync mailboxSync(
      SyncWorkerProperties properties, PartitionOwnership ownership, KafkaSyncCursors cursors, AngusMailboxReader reader, SyncMetrics metrics) {
    var sync = properties.sync();
    return new MailboxSync(
        reader,
        cursors,
        ownership,
        SecretBox.fromBase64Key(properties.secrets().transportKey()),
        Clock.systemUTC(),
        sync.batchSize(),
        metrics,
        sync.reconcileInterval());
  }

  @Bean
  ConnectionAssignmentListener connectionAssignmentListener(
      AssignedConnections assigned, MailboxWatching watching, PartitionOwnership ownership, KafkaSyncCursors cursors, EventCodec codec) {
    return new ConnectionAssignmentListener(assigned, watching, ownership, cursors, codec);
  }

  @Bean
  RereadListener rereadListener(AssignedConnections assigned, EventCodec codec) {
    return new RereadListener(assigned, codec);
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService syncPool(SyncWorkerProperties properties) {
    return Executors.newFixedThreadPool(properties.sync().parallelism(), Thread.ofVirtual().name("sync-", 0).factory());
  }

  @Bean
  SyncScheduler syncScheduler(
      AssignedConnections assigned, MailboxSync sync, ExecutorService syncPool, KafkaSyncCursors cursors, PartitionOwnership ownership,
      MailboxWatching watching, RefusedAccessTokens refusedAccessTokens, ObjectProvider<OpenTelemetry> openTelemetry) {
    return new SyncScheduler(
        assigned, sync, syncPool, cursors, ownership, watching, refusedAccessTokens, EmailSyncTracer.of(openTelemetry.getIfAvailable()));
  }

  /** connection-service's internal API, when configured; otherwise a refused token waits for its scheduled renewal. */
  @Bean
  RefusedAccessTokens refusedAccessTokens(SyncWorkerProperties properties) {
    var connectionService = properties.connectionService();
    if (!connectionService.configured()) {
      org.slf4j.LoggerFactory.getLogger(SyncWorkerConfiguration.class).warn(
          "emailsync.connection-service.url, token-uri, client-id or client-secret is not set: OAuth access tokens a mail server refuses are renewed only at their scheduled round");
      return RefusedAccessTokens.NONE;
    }
    return new ConnectionServiceRefusedAccessTokens(
        connectionService.restClient(java.time.Duration.ofSeconds(30)),
        connectionService.serviceTokens(),
        SecretBox.fromBase64Key(properties.secrets().transportKey()),
        java.time.Duration.ofSeconds(30));
  }
}
