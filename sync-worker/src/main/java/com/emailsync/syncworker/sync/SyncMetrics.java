package com.emailsync.syncworker.sync;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.SyncStatusReported;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What an operator watches of the sync engine (Micrometer, served as Prometheus metrics): mail synced, how long after
 * the server received it the event was committed, passes by outcome (failures by reason), messages set aside. The
 * session gauges are registered where the sessions are kept.
 */
public class SyncMetrics {

  private final MeterRegistry registry;
  private final Counter received;
  private final Counter sent;
  private final Counter setAside;
  private final Timer lag;

  public SyncMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.received = Counter.builder("emailsync.sync.messages").tag("direction", "received").description("Mail events committed").register(registry);
    this.sent = Counter.builder("emailsync.sync.messages").tag("direction", "sent").description("Mail events committed").register(registry);
    this.setAside = Counter.builder("emailsync.sync.messages.set.aside").description("Messages that could not become events").register(registry);
    this.lag = Timer.builder("emailsync.sync.lag")
        .description("From the server's receipt of a message (INTERNALDATE) to its event committed; backfilled mail is old by nature")
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry);
  }

  public static SyncMetrics none() {
    return new SyncMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  /** Mail events committed; the lag counts live mail only (received after its folder's start). */
  void committed(EmailEvent event, Instant receivedAt, Instant committedAt) {
    (event.direction() == EmailEvent.Direction.SENT ? sent : received).increment();
    if (!receivedAt.equals(Instant.EPOCH)) {
      lag.record(Duration.between(receivedAt, committedAt).isNegative() ? Duration.ZERO : Duration.between(receivedAt, committedAt));
    }
  }

  void setAside(int count) {
    setAside.increment(count);
  }

  void pass(SyncStatusReported.Status outcome) {
    registry.counter("emailsync.sync.passes", "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
  }
}
