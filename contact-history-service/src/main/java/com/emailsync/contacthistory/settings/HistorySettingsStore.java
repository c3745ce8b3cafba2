package com.emailsync.contacthistory.settings;

import java.util.Collection;
import java.util.Map;

/** Port: the tenants' history settings. */
public interface HistorySettingsStore {

  /** Each tenant's settings, {@link HistorySettings#DEFAULTS} for a tenant that set none: one lookup for a batch. */
  Map<String, HistorySettings> of(Collection<String> tenantIds);

  default HistorySettings of(String tenantId) {
    return of(java.util.List.of(tenantId)).get(tenantId);
  }

  void save(String tenantId, HistorySettings settings);

  /** The tenants that set a retention period, with their settings. */
  Map<String, HistorySettings> withRetention();

  /**
   * Claims the tenant's retention run for {@code lease}, unless another instance holds it: several instances of the
   * service never erase (and announce) the same entries at once.
   */
  boolean claimRetentionRun(String tenantId, java.time.Instant now, java.time.Duration lease);
}
