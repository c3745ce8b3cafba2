package com.emailsync.contacthistory.history.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.emailsync.contacthistory.history.ErasureAnnouncements;
import com.emailsync.events.EntriesErased;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every ErasureAnnouncements must do, run against each store it is implemented for. */
interface ErasureAnnouncementsContract {

  Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  /** A fresh, empty store. */
  ErasureAnnouncements announcements();

  static EntriesErased announcement(Instant occurredAt, String... entryIds) {
    return new EntriesErased(UUID.randomUUID(), occurredAt, "t1", "carla", List.of(entryIds), EntriesErased.Reason.CONTACT_ERASURE);
  }

  @Test
  default void givesBackThoseSavedBeforeTheInstantOldestFirstAndAtMostTheLimit() {
    ErasureAnnouncements announcements = announcements();
    EntriesErased newest = announcement(NOW.minusSeconds(10), "e-3");
    EntriesErased oldest = new EntriesErased(UUID.randomUUID(), NOW.minusSeconds(300), "t2", "dave", List.of("e-1", "e-2"), EntriesErased.Reason.RETENTION);
    EntriesErased middle = announcement(NOW.minusSeconds(60), "e-4");
    EntriesErased afterTheInstant = announcement(NOW.plusSeconds(10), "e-5");
    List.of(newest, afterTheInstant, oldest, middle).forEach(announcements::save);

    assertThat(announcements.savedBefore(NOW, 2)).containsExactly(oldest, middle);
    assertThat(announcements.savedBefore(NOW, 10)).containsExactly(oldest, middle, newest);
  }

  @Test
  default void aPublishedAnnouncementIsNoLongerGivenBack() {
    ErasureAnnouncements announcements = announcements();
    EntriesErased published = announcement(NOW.minusSeconds(60), "e-1");
    EntriesErased pending = announcement(NOW.minusSeconds(30), "e-2");
    announcements.save(published);
    announcements.save(pending);

    announcements.published(published.eventId());

    assertThat(announcements.savedBefore(NOW, 10)).containsExactly(pending);
    assertThatNoException().as("confirmed again, by a second leftovers run").isThrownBy(() -> announcements.published(published.eventId()));
  }
}
