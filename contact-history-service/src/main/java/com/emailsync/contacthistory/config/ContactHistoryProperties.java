package com.emailsync.contacthistory.config;

import com.emailsync.contacthistory.catchup.CatchUpPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param mongoDatabase the database that holds contacts and history
 * @param ingest how mail batches are retried while MongoDB or Kafka is away
 * @param catchUp how a contact that appears later gets its recent mail
 */
@Validated
@ConfigurationProperties("emailsync")
public record ContactHistoryProperties(
    @DefaultValue("emailsync-history") @NotBlank String mongoDatabase,
    @DefaultValue @Valid @NotNull Ingest ingest,
    @DefaultValue @Valid @NotNull CatchUp catchUp) {

  /**
   * @param firstRetryInterval pause before a failed batch is first tried again; each next pause doubles
   * @param maxRetryInterval the longest pause: how soon ingest resumes after a long outage ends
   */
  public record Ingest(
      @DefaultValue("500ms") @NotNull Duration firstRetryInterval, @DefaultValue("30s") @NotNull Duration maxRetryInterval) {}

  /**
   * @param window how far back a new contact's mail is brought into its history
   * @param tenantWindows a tenant's own window, by tenant id
   * @param retryAfter when a re-read that has not arrived is asked for again
   * @param maxAttempts how many times, before the mail is taken to be gone from the mailbox
   */
  public record CatchUp(
      @DefaultValue("30d") @NotNull Duration window,
      @DefaultValue Map<String, Duration> tenantWindows,
      @DefaultValue("2m") @NotNull Duration retryAfter,
      @DefaultValue("5") @Min(1) int maxAttempts) {

    public CatchUpPolicy policy() {
      return new CatchUpPolicy(window, tenantWindows, retryAfter, maxAttempts);
    }
  }
}
