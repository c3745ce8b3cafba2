package com.emailsync.automation.webhook;

import com.emailsync.events.secrets.SecretBox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * A tenant's webhook endpoints: registered with a URL that passes the SSRF guard and a signing secret made here and
 * shown once; the secret can be rotated with the old one still signing for a while, so receivers switch without a gap.
 */
public class WebhookEndpoints {

  /** The signing secret's form, as Standard Webhooks writes it: a prefix and the base64 key. */
  static final String SECRET_PREFIX = "whsec_";

  private final WebhookRepository repository;
  private final WebhookUrls urls;
  private final SecretBox atRest;
  private final Clock clock;
  private final Supplier<String> ids;
  private final SecureRandom random = new SecureRandom();

  public WebhookEndpoints(WebhookRepository repository, WebhookUrls urls, SecretBox atRest, Clock clock, Supplier<String> ids) {
    this.repository = repository;
    this.urls = urls;
    this.atRest = atRest;
    this.clock = clock;
    this.ids = ids;
  }

  /** An endpoint with the secret in clear: only on creation and rotation, never stored or shown again. */
  public record WithSecret(WebhookEndpoint endpoint, String secret) {
    @Override
    public String toString() {
      return "WithSecret[endpoint=%s]".formatted(endpoint.id());
    }
  }

  public WithSecret register(String tenantId, String url, List<String> eventTypes, boolean enabled) {
    urls.check(url);
    String id = ids.get();
    String secret = newSecret();
    Instant now = clock.instant();
    var endpoint = new WebhookEndpoint(id, tenantId, url, eventTypes, enabled, now, List.of(sealedNew(tenantId, id, secret, now)));
    repository.save(endpoint);
    return new WithSecret(endpoint, secret);
  }

  public WebhookEndpoint get(String tenantId, String endpointId) {
    return repository.find(tenantId, endpointId).orElseThrow(() -> new WebhookEndpointNotFound(endpointId));
  }

  public List<WebhookEndpoint> list(String tenantId) {
    return repository.findAll(tenantId);
  }

  public WebhookEndpoint update(String tenantId, String endpointId, String url, List<String> eventTypes, boolean enabled) {
    WebhookEndpoint current = get(tenantId, endpointId);
    if (!current.url().equals(url)) {
      urls.check(url);
    }
    WebhookEndpoint updated = current.with(url, eventTypes, enabled);
    repository.save(updated);
    return updated;
  }

  public void delete(String tenantId, String endpointId) {
    if (!repository.delete(tenantId, endpointId)) {
      throw new WebhookEndpointNotFound(endpointId);
    }
  }

  /**
   * A new signing secret; the current one keeps signing for {@code keepPrevious} (two active at once), older ones stop.
   */
  public WithSecret rotateSecret(String tenantId, String endpointId, Duration keepPrevious) {
    WebhookEndpoint current = get(tenantId, endpointId);
    Instant now = clock.instant();
    String secret = newSecret();
    List<WebhookEndpoint.SigningSecret> secrets = new ArrayList<>();
    secrets.add(sealedNew(tenantId, endpointId, secret, now));
    current.secrets().stream()
        .filter(s -> s.activeAt(now))
        .findFirst()
        .ifPresent(previous -> secrets.add(new WebhookEndpoint.SigningSecret(previous.id(), previous.sealed(), previous.createdAt(), now.plus(keepPrevious))));
    WebhookEndpoint rotated = current.withSecrets(secrets);
    repository.save(rotated);
    return new WithSecret(rotated, secret);
  }

  /** The secrets that sign now, in clear, newest first. */
  List<String> activeSecrets(WebhookEndpoint endpoint) {
    Instant now = clock.instant();
    return endpoint.secrets().stream().filter(s -> s.activeAt(now)).map(s -> atRest.open(s.sealed(), boundTo(endpoint.tenantId(), endpoint.id(), s.id()))).toList();
  }

  /** A current signing secret, made now, sealed at rest for its endpoint. */
  private WebhookEndpoint.SigningSecret sealedNew(String tenantId, String endpointId, String plain, Instant now) {
    String secretId = ids.get();
    return new WebhookEndpoint.SigningSecret(secretId, atRest.seal(plain, boundTo(tenantId, endpointId, secretId)), now, null);
  }

  /** A sealed secret opens only for its own tenant, endpoint and secret id: one copied into another endpoint does not. */
  private static String boundTo(String tenantId, String endpointId, String secretId) {
    return "webhook-secret:" + tenantId + ":" + endpointId + ":" + secretId;
  }

  private String newSecret() {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }
}
