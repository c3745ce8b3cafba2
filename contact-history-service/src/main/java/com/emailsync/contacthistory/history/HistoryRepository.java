package com.emailsync.contacthistory.history;

import com.emailsync.contacthistory.catchup.StoredEntries;
import java.time.Instant;
import java.util.Collection;
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

  /** Erases every entry of the contact, and the bodies no other entry still shows. */
  List<ErasedEntry> eraseContact(String tenantId, String contactId);

  /** Erases these entries (of any tenant), and the bodies no other entry still shows. */
  List<ErasedEntry> eraseEntries(Collection<String> entryIds);

  /** Erases up to {@code limit} of the tenant's entries sent before the instant; call again until none are left. */
  List<ErasedEntry> eraseSentBefore(String tenantId, Instant before, int limit);

  /** Erases up to {@code limit} of the entries a connection logged; call again until none are left. */
  List<ErasedEntry> eraseOfConnection(String connectionId, int limit);

  /** The tenant of a connection that logged anything. */
  Optional<String> tenantOfConnection(String connectionId);

  /**
   * Moves a merged contact's entries to the survivor, one per message still (an entry the survivor has already stays
   * as it is). Safe to repeat: a second call finds nothing left to move.
   *
   * @return the merged contact's entries that were moved, by this call or an earlier one
   */
  List<ErasedEntry> moveContact(String tenantId, String mergedContactId, String survivorContactId);

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
