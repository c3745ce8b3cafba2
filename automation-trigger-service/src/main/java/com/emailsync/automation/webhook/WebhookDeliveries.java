package com.emailsync.automation.webhook;

import com.emailsync.events.StableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Puts each event in line for every endpoint of its tenant that takes its type, and sends what is due: a 2xx answer
 * delivers it; anything else is tried again after a wait that grows (with jitter, so endpoints coming back are not hit
 * all at once) until the delivery is older than {@code giveUpAfter}, when it is set aside for a redeliver.
 */
public class WebhookDeliveries {

  private final WebhookRepository repository;
  private final WebhookEndpoints endpoints;
  private final WebhookSender sender;
  private final Clock clock;
  private final LongUnaryOperator waitMillisAfterAttempt;
  private final Duration giveUpAfter;
  private final Duration claimFor;

  /**
   * @param waitMillisAfterAttempt how long to wait after the n-th failed attempt (1-based), in milliseconds
   * @param claimFor how long one instance keeps a delivery it is sending to itself: longer than a send can take
   */
  public WebhookDeliveries(
      WebhookRepository repository, WebhookEndpoints endpoints, WebhookSender sender, Clock clock, LongUnaryOperator waitMillisAfterAttempt,
      Duration giveUpAfter, Duration claimFor) {
    this.repository = repository;
    this.endpoints = endpoints;
    this.sender = sender;
    this.clock = clock;
    this.waitMillisAfterAttempt = waitMillisAfterAttempt;
    this.giveUpAfter = giveUpAfter;
    this.claimFor = claimFor;
  }

  /**
   * @param cloudEventJson the event in the CloudEvents JSON format
   * @return how many endpoints it was put in line for
   */
  public int enqueue(String tenantId, String eventId, String eventType, @Nullable String entryId, String cloudEventJson) {
    Instant now = clock.instant();
    int queued = 0;
    for (WebhookEndpoint endpoint : repository.findAll(tenantId)) {
      if (endpoint.takes(eventType)) {
        repository.enqueue(new WebhookDelivery(StableId.of(endpoint.id(), eventId), endpoint.id(), tenantId, eventId, eventType, entryId, cloudEventJson,
            WebhookDelivery.Status.PENDING, 0, now, null, now, null));
        queued++;
      }
    }
    return queued;
  }

  /** Due deliveries, to hand to {@link #attempt} (each claimed first). */
  public List<WebhookDelivery> due(int limit) {
    return repository.due(clock.instant(), limit);
  }

  /** Claims the delivery for this instance: false when another instance has it. */
  public boolean claim(WebhookDelivery delivery) {
    Instant now = clock.instant();
    return repository.claim(delivery, now, now.plus(claimFor));
  }

  /** One attempt at a claimed delivery; its outcome is recorded. */
  public WebhookSender.Outcome attempt(WebhookDelivery delivery) {
    int attempts = delivery.attempts() + 1;
    WebhookEndpoint endpoint = repository.find(delivery.tenantId(), delivery.endpointId()).orElse(null);
    if (endpoint == null) {
      repository.dead(delivery.id(), attempts, "The endpoint was deleted.");
      return new WebhookSender.Outcome(0, "endpoint deleted");
    }
    if (!endpoint.enabled()) {
      repository.dead(delivery.id(), attempts, "The endpoint is disabled; redeliver once it is enabled again.");
      return new WebhookSender.Outcome(0, "endpoint disabled");
    }
    WebhookSender.Outcome outcome = sender.send(endpoint.url(), delivery, endpoints.activeSecrets(endpoint));
    Instant now = clock.instant();
    if (outcome.delivered()) {
      repository.delivered(delivery.id(), attempts, now);
    } else if (!now.isBefore(delivery.createdAt().plus(giveUpAfter))) {
      repository.dead(delivery.id(), attempts, "Given up after " + attempts + " attempts over " + giveUpAfter + "; last: " + outcome.detail());
    } else {
      repository.retryAt(delivery.id(), attempts, now.plusMillis(waitMillisAfterAttempt.applyAsLong(attempts)), outcome.detail());
    }
    return outcome;
  }

  /**
   * History entries were erased upstream (a privacy request, retention): what the deliveries about them would say, or
   * said, goes with them; what was not sent yet is never sent.
   */
  public void entriesErased(String tenantId, List<String> entryIds) {
    repository.forgetEntries(tenantId, entryIds);
  }

  public List<WebhookDelivery> deliveries(String tenantId, String endpointId, WebhookDelivery.@Nullable Status status, int limit) {
    endpoints.get(tenantId, endpointId);
    return repository.deliveries(tenantId, endpointId, status, limit);
  }

  /** @throws WebhookEndpointNotFound for an unknown endpoint; false for a delivery not set aside */
  public boolean redeliver(String tenantId, String endpointId, String deliveryId) {
    endpoints.get(tenantId, endpointId);
    return repository.redeliver(tenantId, endpointId, deliveryId, clock.instant());
  }
}
