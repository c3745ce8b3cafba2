package com.emailsync.automation.webhook.scheduling;

import com.emailsync.automation.webhook.WebhookDeliveries;
import com.emailsync.automation.webhook.WebhookDelivery;
import com.emailsync.events.logging.LogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every tick, hands due deliveries to senders: at most one at a time per endpoint (its events in order, and a slow or
 * failing endpoint holds one sender, never the others), at most {@code parallelism} in all.
 */
public class WebhookDispatcher {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final WebhookDeliveries deliveries;
  private final ExecutorService senders;
  private final Semaphore slots;
  private final Set<String> busyEndpoints = ConcurrentHashMap.newKeySet();
  private final Counter delivered;
  private final Counter failed;

  public WebhookDispatcher(WebhookDeliveries deliveries, ExecutorService senders, int parallelism, MeterRegistry registry) {
    this.deliveries = deliveries;
    this.senders = senders;
    this.slots = new Semaphore(parallelism);
    this.delivered = Counter.builder("emailsync.webhook.attempts").tag("outcome", "delivered").description("Webhook attempts answered 2xx").register(registry);
    this.failed = Counter.builder("emailsync.webhook.attempts").tag("outcome", "failed").description("Webhook attempts not answered 2xx").register(registry);
  }

  @Scheduled(fixedDelayString = "${emailsync.webhooks.poll-interval:500ms}")
  public void dispatch() {
    for (WebhookDelivery delivery : deliveries.due(500)) {
      if (busyEndpoints.contains(delivery.endpointId()) || !slots.tryAcquire()) {
        continue;
      }
      if (!busyEndpoints.add(delivery.endpointId())) {
        slots.release();
        continue;
      }
      boolean handed = false;
      try {
        if (deliveries.claim(delivery)) {
          senders.execute(() -> send(delivery));
          handed = true;
        }
      } finally {
        if (!handed) {
          busyEndpoints.remove(delivery.endpointId());
          slots.release();
        }
      }
    }
  }

  private void send(WebhookDelivery delivery) {
    try (var ignored = LogContext.of(LogContext.TENANT, delivery.tenantId())) {
      attempt(delivery);
    }
  }

  private void attempt(WebhookDelivery delivery) {
    try {
      var outcome = deliveries.attempt(delivery);
      (outcome.delivered() ? delivered : failed).increment();
      if (!outcome.delivered()) {
        log.info("Webhook delivery {} to endpoint {} not delivered ({}), attempt {}", delivery.id(), delivery.endpointId(), outcome.detail(),
            delivery.attempts() + 1);
      }
    } catch (RuntimeException e) {
      // The claim runs out and the next tick tries again.
      log.warn("Webhook delivery {} failed unexpectedly", delivery.id(), e);
    } finally {
      busyEndpoints.remove(delivery.endpointId());
      slots.release();
    }
  }
}
