package com.emailsync.contacthistory.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param mongoDatabase the database that holds contacts and history
 * @param ingest how mail batches are retried while MongoDB or Kafka is away
 */
@Validated
@ConfigurationProperties("emailsync")
public record ContactHistoryProperties(
    @DefaultValue("emailsync-history") @NotBlank String mongoDatabase, @DefaultValue @Valid @NotNull Ingest ingest) {

  /**
   * @param firstRetryInterval pause before a failed batch is first tried again; each next pause doubles
   * @param maxRetryInterval the longest pause: how soon ingest resumes after a long outage ends
   */
  public record Ingest(
      @DefaultValue("500ms") @NotNull Duration firstRetryInterval, @DefaultValue("30s") @NotNull Duration maxRetryInterval) {}
}
