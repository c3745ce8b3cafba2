package com.emailsync.contacthistory.settings.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.contacthistory.settings.ConnectionSettings;
import com.emailsync.contacthistory.settings.HistorySettings;
import com.emailsync.contacthistory.settings.HistorySettingsStore;
import com.emailsync.contacthistory.settings.SuggestionPolicy;
import com.emailsync.contacthistory.settings.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every HistorySettingsStore must do, run against each store it is implemented for. */
interface HistorySettingsStoreContract {

  Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  /** A fresh, empty store. */
  HistorySettingsStore store();

  @Test
  default void aTenantThatSetNothingHasTheDefaultsAndOneThatDidGetsBackWhatItSaved() {
    HistorySettingsStore store = store();
    HistorySettings saved = HistorySettings.DEFAULTS
        .withBlocked(Set.of("hr@corp.example"), Set.of("competitor.example"))
        .withExclusions(false, true)
        .withCatchUpWindow(Duration.ofDays(14))
        .withRetention(Duration.ofDays(730), true)
        .withVisibility(Visibility.SUMMARY)
        .withSuggestions(SuggestionPolicy.PEOPLE_WRITTEN_TO)
        .withConnections(Map.of(
            "conn-support", ConnectionSettings.visibility(Visibility.METADATA),
            "conn-founder", new ConnectionSettings(null, true, false, SuggestionPolicy.OFF)));

    store.save("t1", saved);

    assertThat(store.of(List.of("t1", "t2"))).containsEntry("t1", saved).containsEntry("t2", HistorySettings.DEFAULTS);
    assertThat(store.withRetention()).containsOnlyKeys("t1");
  }

  @Test
  default void oneInstanceAtATimeHoldsATenantsRetentionRunUntilItsLeaseEnds() {
    HistorySettingsStore store = store();
    store.save("t1", HistorySettings.DEFAULTS.withRetention(Duration.ofDays(30), false));

    assertThat(store.claimRetentionRun("t1", NOW, Duration.ofMinutes(30))).isTrue();
    assertThat(store.claimRetentionRun("t1", NOW.plusSeconds(60), Duration.ofMinutes(30))).isFalse();
    assertThat(store.claimRetentionRun("t1", NOW.plus(Duration.ofMinutes(31)), Duration.ofMinutes(30))).isTrue();
  }
}
