package com.emailsync.automation.webhook.web;

import com.emailsync.events.web.Caller;
import com.emailsync.automation.webhook.WebhookDeliveries;
import com.emailsync.automation.webhook.WebhookDelivery;
import com.emailsync.automation.webhook.WebhookEndpoint;
import com.emailsync.automation.webhook.WebhookEndpointNotFound;
import com.emailsync.automation.webhook.WebhookEndpoints;
import com.emailsync.automation.webhook.WebhookUrlRefused;
import com.emailsync.events.AutomationTriggered;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's webhook endpoints, their signing secrets (shown once, at creation and rotation) and their deliveries,
 * with a redeliver for those set aside.
 */
@RestController
@Validated
@RequestMapping("/api/v1/tenants/{tenantId}/webhooks")
class WebhookController {

  /** The event types an endpoint may take. */
  static final List<String> EVENT_TYPES = List.of(AutomationTriggered.TYPE);

  private final WebhookEndpoints endpoints;
  private final WebhookDeliveries deliveries;

  WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
  }

  /** @param eventTypes the CloudEvents types to deliver; absent: all this service publishes */
  record EndpointRequest(
      @NotBlank @Size(max = 2000) String url,
      @Nullable @Size(max = 20) List<@Pattern(regexp = "crm\\.automation\\.triggered\\.v1", message = "must be crm.automation.triggered.v1") String> eventTypes,
      @Nullable Boolean enabled) {

    List<String> types() {
      return eventTypes == null || eventTypes.isEmpty() ? EVENT_TYPES : eventTypes;
    }
  }

  record SecretView(String id, Instant createdAt, @Nullable Instant expiresAt) {}

  /** @param secret the signing secret in clear: in the answers to creation and rotation only */
  record EndpointView(
      String id, String tenantId, String url, List<String> eventTypes, boolean enabled, Instant createdAt, List<SecretView> secrets,
      @Nullable String secret) {
    static EndpointView of(WebhookEndpoint e, @Nullable String secret) {
      return new EndpointView(e.id(), e.tenantId(), e.url(), e.eventTypes(), e.enabled(), e.createdAt(),
          e.secrets().stream().map(s -> new SecretView(s.id(), s.createdAt(), s.expiresAt())).toList(), secret);
    }
  }

  record DeliveryView(
      String id, String eventId, String eventType, String status, int attempts, Instant createdAt, Instant nextAttemptAt, @Nullable Instant deliveredAt,
      @Nullable String lastError) {
    static DeliveryView of(WebhookDelivery d) {
      return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.status().name(), d.attempts(), d.createdAt(), d.nextAttemptAt(), d.deliveredAt(),
          d.lastError());
    }
  }

  /** A webhook endpoint receives every firing of the tenant, whoever's mail fired it: the tenant's admins manage them. */
  static final class AdminsOnly extends RuntimeException {
    AdminsOnly() {
      super("Webhook endpoints receive every firing of the tenant: only the tenant's admins manage them.");
    }
  }

  /** Runs before every handler of this controller. */
  @ModelAttribute
  void onlyAdmins(Caller caller) {
    if (!caller.admin()) {
      throw new AdminsOnly();
    }
  }

  @ExceptionHandler
  ProblemDetail adminsOnly(AdminsOnly e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("Admins only");
    return problem;
  }

  @PostMapping
  ResponseEntity<EndpointView> create(@PathVariable String tenantId, @Valid @RequestBody EndpointRequest body) {
    var created = endpoints.register(tenantId, body.url(), body.types(), !Boolean.FALSE.equals(body.enabled()));
    return ResponseEntity.created(URI.create("/api/v1/tenants/%s/webhooks/%s".formatted(tenantId, created.endpoint().id())))
        .body(EndpointView.of(created.endpoint(), created.secret()));
  }

  @GetMapping
  List<EndpointView> list(@PathVariable String tenantId) {
    return endpoints.list(tenantId).stream().map(e -> EndpointView.of(e, null)).toList();
  }

  @GetMapping("/{endpointId}")
  EndpointView get(@PathVariable String tenantId, @PathVariable String endpointId) {
    return EndpointView.of(endpoints.get(tenantId, endpointId), null);
  }

  @PutMapping("/{endpointId}")
  EndpointView update(@PathVariable String tenantId, @PathVariable String endpointId, @Valid @RequestBody EndpointRequest body) {
    return EndpointView.of(endpoints.update(tenantId, endpointId, body.url(), body.types(), !Boolean.FALSE.equals(body.enabled())), null);
  }

  @DeleteMapping("/{endpointId}")
  ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String endpointId) {
    endpoints.delete(tenantId, endpointId);
    return ResponseEntity.noContent().build();
  }

  /** @param keepPreviousFor how long the current secret keeps signing beside the new one (ISO-8601, default a day) */
  record Rotation(@Nullable Duration keepPreviousFor) {}

  @PostMapping("/{endpointId}/secret-rotations")
  EndpointView rotate(@PathVariable String tenantId, @PathVariable String endpointId, @RequestBody(required = false) @Nullable Rotation body) {
    Duration keep = body == null || body.keepPreviousFor() == null ? Duration.ofDays(1) : body.keepPreviousFor();
    if (keep.isNegative() || keep.compareTo(Duration.ofDays(30)) > 0) {
      throw new InvalidRotation();
    }
    var rotated = endpoints.rotateSecret(tenantId, endpointId, keep);
    return EndpointView.of(rotated.endpoint(), rotated.secret());
  }

  @GetMapping("/{endpointId}/deliveries")
  List<DeliveryView> deliveries(
      @PathVariable String tenantId,
      @PathVariable String endpointId,
      @RequestParam(required = false) WebhookDelivery.@Nullable Status status,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    return deliveries.deliveries(tenantId, endpointId, status, limit).stream().map(DeliveryView::of).toList();
  }

  @PostMapping("/{endpointId}/deliveries/{deliveryId}/redeliver")
  ResponseEntity<Void> redeliver(@PathVariable String tenantId, @PathVariable String endpointId, @PathVariable String deliveryId) {
    if (!deliveries.redeliver(tenantId, endpointId, deliveryId)) {
      throw new WebhookEndpointNotFound(endpointId + " has no set-aside delivery " + deliveryId + ";");
    }
    return ResponseEntity.accepted().build();
  }

  @ExceptionHandler
  ProblemDetail notFound(WebhookEndpointNotFound e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not found");
    return problem;
  }

  static final class InvalidRotation extends RuntimeException {
    InvalidRotation() {
      super("must be between PT0S and P30D");
    }
  }

  @ExceptionHandler
  ProblemDetail invalidRotation(InvalidRotation e) {
    return com.emailsync.events.web.FieldProblems.invalid("keepPreviousFor", e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail refused(WebhookUrlRefused e) {
    return com.emailsync.events.web.FieldProblems.invalid("url", e.getMessage());
  }
}
