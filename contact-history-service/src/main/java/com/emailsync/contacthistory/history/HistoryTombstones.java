package com.emailsync.contacthistory.history;

import com.emailsync.events.ContactKey;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Port: what became of contacts' histories that ingest must respect after the fact. A privacy erasure must stay done
 * when the messages topic is replayed or a batch read before the erasure is written after it; a merged contact's mail
 * must land with the survivor even when it was matched to the merged contact a moment before the merge.
 *
 * <p>Both are recorded before the erasure or move begins: ingest that reads them after its own write then sees every
 * erasure or merge its write could have slipped past.
 */
public interface HistoryTombstones {

  /** The contact's history was erased at this instant; a later erasure moves the instant on. */
  void erased(ContactKey contact, Instant at);

  /** The contact was merged into the survivor (of the same tenant). */
  void merged(ContactKey merged, String survivorContactId);

  /** The tombstones of those of the contacts that have one. */
  Map<ContactKey, Tombstone> of(Collection<ContactKey> contacts);

  /**
   * @param erasedAt when the history was last erased: mail observed before then is not logged again
   * @param mergedInto the survivor, when the contact was merged away
   */
  record Tombstone(@Nullable Instant erasedAt, @Nullable String mergedInto) {}
}
