package com.emailsync.automation.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param mongoDatabase the database that holds automations, the firing ledger and webhooks
 * @param secrets the at-rest keyring that seals webhook signing secrets
 * @param contactHistory contact-history's internal API, from which body filters read a mail's text
 *     ({@code emailsync.contact-history.*}); unset, body filters are refused
 */
@Validated
@ConfigurationProperties("emailsync")
public record AutomationTriggerProperties(
    @DefaultValue("emailsync-automations") @NotBlank String mongoDatabase,
    @Valid Secrets secrets,
    @Valid @DefaultValue Webhooks webhooks,
    @DefaultValue com.emailsync.events.internal.InternalApiClient contactHistory) {

  /** @param atRestKey base64 AES-256 keyring sealing webhook secrets (EMAILSYNC_SECRETS_AT_REST_KEY) */
  public record Secrets(@NotBlank(message = "must be set (EMAILSYNC_SECRETS_AT_REST_KEY): it seals webhook signing secrets") String atRestKey) {
    @Override
    public String toString() {
      return "Secrets[keys hidden]";
    }
  }

  /**
   * @param allowedHosts endpoint hosts inside a private network that may be called all the same (names, then also over
   *     plain http, or CIDR ranges); empty: only public https endpoints
   * @param firstRetry the wait after a first failed attempt; each next one doubles (with jitter) up to {@code maxRetry}
   * @param giveUpAfter a delivery not answered 2xx within this long is set aside (DEAD) for a redeliver
   * @param parallelism deliveries sent at once, at most one per endpoint
   */
  public record Webhooks(
      @DefaultValue List<String> allowedHosts,
      @DefaultValue("10s") Duration firstRetry,
      @DefaultValue("1h") Duration maxRetry,
      @DefaultValue("24h") Duration giveUpAfter,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("10s") Duration responseTimeout,
      @DefaultValue("64") @Min(1) int parallelism) {}
}
