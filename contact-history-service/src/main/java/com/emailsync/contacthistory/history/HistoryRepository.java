package com.emailsync.contacthistory.history;

import com.emailsync.contacthistory.catchup.StoredEntries;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Port: the stored history entries. */
public interface HistoryRepository extends StoredEntries {

  /**
   * Stores each entry unless one with its id exists, and says what happened to each, in the entries' order. Of entries
   * with the same id in one call (the same mail from two folders in one batch) the first is stored, the rest are
   * duplicates.
   */
  List<Stored> storeAll(List<HistoryEntry> entries);

  /**
   * The entries the query selects, newest first, after the position given (exclusive). Pages carry no bodies (text and
   * HTML are null): they stay small however long the mail; {@link #find} has the whole entry.
   */
  List<HistoryEntry> page(HistoryQuery query, @Nullable Position after, int limit);

  /** The whole entry, bodies included. */
  Optional<HistoryEntry> find(String tenantId, String entryId);

  ContactSummary summary(String tenantId, String contactId);

  enum Stored {
    /** First time. */
    NEW,
    /** Stored before from the same event: a redelivery after a crash, so the follow-up event is published again. */
    REDELIVERED,
    /** Stored before from another event (the same mail in another folder or mailbox): nothing more to do. */
    DUPLICATE
  }

  /** Where a page ends: newest-first order is by send time, then id. */
  record Position(Instant sentAt, String entryId) {}
}
