package com.emailsync.automation.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Port: endpoints and their deliveries. */
public interface WebhookRepository {

  void save(WebhookEndpoint endpoint);

  Optional<WebhookEndpoint> find(String tenantId, String endpointId);

  List<WebhookEndpoint> findAll(String tenantId);

  boolean delete(String tenantId, String endpointId);

  /** Adds the delivery unless one with its id exists (the event read again). */
  void enqueue(WebhookDelivery delivery);

  /** The oldest pending delivery due by {@code now} of each endpoint, not claimed by another instance. */
  List<WebhookDelivery> due(Instant now, int limit);

  /**
   * Claims a due delivery, as it was read, until {@code until}, so only one instance sends it: false when another
   * claimed it, or moved it on, first.
   */
  boolean claim(WebhookDelivery delivery, Instant now, Instant until);

  void delivered(String deliveryId, int attempts, Instant at);

  void retryAt(String deliveryId, int attempts, Instant at, String error);

  void dead(String deliveryId, int attempts, String error);

  /** Puts a delivery that was set aside back in line, due now; false when there is none with that id and status. */
  boolean redeliver(String tenantId, String endpointId, String deliveryId, Instant now);

  List<WebhookDelivery> deliveries(String tenantId, String endpointId, WebhookDelivery.@Nullable Status status, int limit);

  /** Deletes every delivery made from these history entries, sent or not: they were erased upstream. */
  void forgetEntries(String tenantId, List<String> entryIds);
}
