package com.emailsync.automation.webhook;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event for one endpoint: delivered once it is answered 2xx, tried again with growing waits until then, and set
 * aside (DEAD) when it is older than the give-up time, where a redeliver puts it back.
 *
 * @param id follows from endpoint and event: one delivery per endpoint and event, however often the event is read
 * @param eventId the CloudEvent id, sent as {@code webhook-id}: the same on every attempt, for the receiver to dedupe
 * @param payload the event in the CloudEvents JSON format, exactly the bytes sent and signed
 * @param entryId the history entry the event is about: an erasure of it takes the delivery with it
 */
public record WebhookDelivery(
    String id,
    String endpointId,
    String tenantId,
    String eventId,
    String eventType,
    @Nullable String entryId,
    String payload,
    Status status,
    int attempts,
    Instant nextAttemptAt,
    @Nullable String lastError,
    Instant createdAt,
    @Nullable Instant deliveredAt) {

  public enum Status {
    PENDING,
    DELIVERED,
    DEAD
  }
}
