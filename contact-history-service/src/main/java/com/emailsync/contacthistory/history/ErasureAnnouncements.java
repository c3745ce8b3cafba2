package com.emailsync.contacthistory.history;

import com.emailsync.events.EntriesErased;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Port: erasure announcements kept until they are known to be published. The entries are gone once erased; without
 * this, a broker outage at that moment would lose the news for the copies downstream.
 */
public interface ErasureAnnouncements {

  void save(EntriesErased announcement);

  /** Those saved before the instant, oldest first, at most {@code limit}: their publication is not known to be done. */
  List<EntriesErased> savedBefore(Instant instant, int limit);

  void published(UUID eventId);
}
