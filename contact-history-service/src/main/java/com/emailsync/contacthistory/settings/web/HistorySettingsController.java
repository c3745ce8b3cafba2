package com.emailsync.contacthistory.settings.web;

import com.emailsync.contacthistory.config.ContactHistoryProperties;
import com.emailsync.contacthistory.settings.ConnectionSettings;
import com.emailsync.contacthistory.settings.HistorySettings;
import com.emailsync.contacthistory.settings.HistorySettingsStore;
import com.emailsync.contacthistory.settings.SuggestionPolicy;
import com.emailsync.contacthistory.settings.Visibility;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's history settings: read them (defaults until set), or replace them whole. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/history-settings")
class HistorySettingsController {

  private final HistorySettingsStore settings;
  private final Duration longestCatchUpWindow;

  /**
   * @param longestCatchUpWindow how long the index of recent mail remembers it: a tenant's window cannot reach further
   */
  HistorySettingsController(HistorySettingsStore settings, ContactHistoryProperties properties) {
    this.settings = settings;
    this.longestCatchUpWindow = properties.catchUp().policy().longestWindow();
  }

  @GetMapping
  SettingsJson get(@PathVariable String tenantId) {
    return SettingsJson.of(settings.of(tenantId));
  }

  @PutMapping
  SettingsJson put(@PathVariable String tenantId, @Valid @RequestBody SettingsJson body) {
    if (body.catchUpWindow() != null && body.catchUpWindow().compareTo(longestCatchUpWindow) > 0) {
      throw new WindowTooLong(longestCatchUpWindow);
    }
    if (body.catchUpWindow() != null && body.retention() != null && body.catchUpWindow().compareTo(body.retention()) > 0) {
      throw new WindowBeyondRetention();
    }
    settings.save(tenantId, body.toSettings());
    return SettingsJson.of(settings.of(tenantId));
  }

  @ExceptionHandler
  ProblemDetail invalidWindow(InvalidWindow e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields: catchUpWindow.");
    problem.setTitle("Invalid settings");
    problem.setProperty("errors", List.of(Map.of("field", "catchUpWindow", "message", e.getMessage())));
    return problem;
  }

  abstract static class InvalidWindow extends RuntimeException {
    InvalidWindow(String message) {
      super(message);
    }
  }

  static final class WindowTooLong extends InvalidWindow {
    WindowTooLong(Duration longest) {
      super("must be at most " + longest + ", how long this service remembers recent mail");
    }
  }

  /** Catching up mail older than the retention period would log what retention erases the next hour. */
  static final class WindowBeyondRetention extends InvalidWindow {
    WindowBeyondRetention() {
      super("must not be longer than the retention period");
    }
  }

  /**
   * @param catchUpWindow ISO-8601, e.g. {@code P30D}; from one day to a year; null for the service's default
   * @param retention ISO-8601, at least a day; entries older than this are erased; null keeps them
   * @param eraseWithConnection erase what a connection logged when it is deleted
   * @param visibility {@code METADATA}, {@code SUMMARY} (subject and snippet) or {@code FULL} (the default)
   * @param suggestions {@code OFF} (the default), {@code PEOPLE_WRITTEN_TO} or {@code BOTH_DIRECTIONS}
   * @param connections by connection id, a connection's own {@code visibility}, {@code excludeRoleAddresses},
   *     {@code excludePersonalWebmail} and {@code suggestions}; each one left out is the tenant's
   */
  record SettingsJson(
      @Nullable Boolean looseAddressMatching,
      @Nullable @Size(max = 1000) List<@NotBlank @Email @Size(max = 320) String> blockedAddresses,
      @Nullable @Size(max = 1000) List<@NotBlank @Size(max = 253) @Pattern(regexp = "[\\p{L}\\p{N}.-]+\\.[\\p{L}\\p{N}-]+") String> blockedDomains,
      @Nullable Boolean excludeRoleAddresses,
      @Nullable Boolean excludePersonalWebmail,
      @Nullable Duration catchUpWindow,
      @Nullable Duration retention,
      @Nullable Boolean eraseWithConnection,
      @Nullable Visibility visibility,
      @Nullable SuggestionPolicy suggestions,
      @Nullable @Size(max = 1000) Map<@NotBlank @Size(max = 200) String, @NotNull ConnectionSettings> connections) {

    static SettingsJson of(HistorySettings s) {
      return new SettingsJson(
          s.looseAddressMatching(),
          s.blockedAddresses().stream().sorted().toList(),
          s.blockedDomains().stream().sorted().toList(),
          s.excludeRoleAddresses(),
          s.excludePersonalWebmail(),
          s.catchUpWindow(),
          s.retention(),
          s.eraseWithConnection(),
          s.visibility(),
          s.suggestions(),
          s.connections());
    }

    @AssertTrue(message = "must be at least a day (P1D)")
    boolean isRetention() {
      return retention == null || retention.compareTo(Duration.ofDays(1)) >= 0;
    }

    @AssertTrue(message = "must be between one day (P1D) and a year (P365D)")
    boolean isCatchUpWindow() {
      return catchUpWindow == null || (catchUpWindow.compareTo(Duration.ofDays(1)) >= 0 && catchUpWindow.compareTo(Duration.ofDays(365)) <= 0);
    }

    HistorySettings toSettings() {
      HistorySettings d = HistorySettings.DEFAULTS;
      return new HistorySettings(
          looseAddressMatching != null ? looseAddressMatching : d.looseAddressMatching(),
          blockedAddresses == null ? d.blockedAddresses() : new HashSet<>(blockedAddresses),
          blockedDomains == null ? d.blockedDomains() : new HashSet<>(blockedDomains),
          excludeRoleAddresses != null ? excludeRoleAddresses : d.excludeRoleAddresses(),
          excludePersonalWebmail != null ? excludePersonalWebmail : d.excludePersonalWebmail(),
          catchUpWindow,
          retention,
          eraseWithConnection != null && eraseWithConnection,
          visibility != null ? visibility : d.visibility(),
          suggestions != null ? suggestions : d.suggestions(),
          connections == null ? d.connections() : connections);
    }
  }
}
