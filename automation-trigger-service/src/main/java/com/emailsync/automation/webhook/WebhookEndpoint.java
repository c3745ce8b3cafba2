package com.emailsync.automation.webhook;

import java.time.Instant;
import java.util.List;

/**
 * Where a tenant wants the trigger's events delivered.
 *
 * @param eventTypes the CloudEvents types it takes ({@code crm.automation.triggered.v1}); the filter of what it gets
 * @param secrets the signing secrets, sealed at rest, newest first: each delivery is signed with every one still active,
 *     so a receiver can move to a new secret while the old one still verifies
 */
public record WebhookEndpoint(
    String id, String tenantId, String url, List<String> eventTypes, boolean enabled, Instant createdAt, List<SigningSecret> secrets) {

  public WebhookEndpoint {
    eventTypes = List.copyOf(eventTypes);
    secrets = List.copyOf(secrets);
  }

  /**
   * @param sealed the secret sealed with the at-rest key, bound to tenant, endpoint and secret id
   * @param expiresAt when a rotated-out secret stops signing; null for the current one
   */
  public record SigningSecret(String id, String sealed, Instant createdAt, @org.jspecify.annotations.Nullable Instant expiresAt) {

    boolean activeAt(Instant now) {
      return expiresAt == null || expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
      return "SigningSecret[id=%s, expiresAt=%s]".formatted(id, expiresAt);
    }
  }

  boolean takes(String eventType) {
    return enabled && eventTypes.contains(eventType);
  }

  WebhookEndpoint with(String newUrl, List<String> newTypes, boolean nowEnabled) {
    return new WebhookEndpoint(id, tenantId, newUrl, newTypes, nowEnabled, createdAt, secrets);
  }

  WebhookEndpoint withSecrets(List<SigningSecret> newSecrets) {
    return new WebhookEndpoint(id, tenantId, url, eventTypes, enabled, createdAt, newSecrets);
  }
}
