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
 * @param catchUp how a contact that appears later gets its recent mail
 */
@Validated
@ConfigurationProperties("emailsync")
public record ContactHistoryProperties(
    @DefaultValue("emailsync-history") @NotBlank String mongoDatabase,
    @DefaultValue @Valid @NotNull CatchUp catchUp) {

  /**
   * @param window how far back a new contact's mail is brought into its history
   * @param tenantWindows a tenant's own window, by tenant id
   * @param retryAfter when a re-read that has not arrived is first asked for again; each next wait doubles
   * @param maxAttempts how many times in all, before the mail is taken to be gone from the mailbox (8: about 8.5 hours)
   * @param maxMailPerContact the most mails one catch-up asks for, newest first
   */
  public record CatchUp(
      @DefaultValue("30d") @NotNull Duration window,
      @DefaultValue Map<String, Duration> tenantWindows,
      @DefaultValue("2m") @NotNull Duration retryAfter,
      @DefaultValue("8") @Min(1) int maxAttempts,
      @DefaultValue("1000") @Min(1) int maxMailPerContact) {

    public CatchUpPolicy policy() {
      return new CatchUpPolicy(window, tenantWindows, retryAfter, maxAttempts, maxMailPerContact);
    }
  }
}
