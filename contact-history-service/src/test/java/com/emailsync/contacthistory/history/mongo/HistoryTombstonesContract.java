package com.emailsync.contacthistory.history.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.contacthistory.history.HistoryTombstones;
import com.emailsync.contacthistory.history.HistoryTombstones.Tombstone;
import com.emailsync.events.ContactKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every HistoryTombstones must do, run against each store it is implemented for. */
interface HistoryTombstonesContract {

  Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  /** A fresh, empty store. */
  HistoryTombstones tombstones();

  @Test
  default void keepsTheLatestErasureAndTheMergeOfEachContactApartPerTenant() {
    HistoryTombstones tombstones = tombstones();
    ContactKey carla = new ContactKey("t1", "carla");
    tombstones.erased(carla, NOW);
    tombstones.erased(carla, NOW.minusSeconds(60));
    tombstones.merged(carla, "carla-main");
    tombstones.erased(new ContactKey("t2", "dave"), NOW);

    var found = tombstones.of(List.of(carla, new ContactKey("t2", "carla"), new ContactKey("t1", "nobody")));

    assertThat(found).containsOnlyKeys(carla);
    assertThat(found.get(carla)).isEqualTo(new Tombstone(NOW, "carla-main"));
  }
}
