package com.emailsync.contacthistory.history;

import com.emailsync.events.ContactKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Holds entries to the erasures and merges that came before them: an entry of a merged contact goes to the survivor
 * (along a chain of merges), and an entry whose mail was observed before its contact's history was erased is not
 * logged again. That keeps a replay of the messages topic, and a batch that matched its contacts a moment before an
 * erasure or merge, from undoing it.
 */
final class TombstoneFence {

  /** Merges chain (a into b, later b into c); a longer chain than this is a loop of bad data, not a history. */
  private static final int LONGEST_MERGE_CHAIN = 10;

  private final HistoryTombstones tombstones;

  TombstoneFence(HistoryTombstones tombstones) {
    this.tombstones = tombstones;
  }

  /**
   * @param observedAt when the mail counts as seen for an erasure: when the worker read it for live mail; when it was
   *     sent for mail re-read to catch a contact up, which otherwise would bring erased mail back
   */
  record Candidate(HistoryEntry entry, Instant observedAt) {}

  /**
   * @return for each candidate, in order, the entry to store (itself, or moved to the survivor of its contact's
   *     merges), or null where an erasure covers it
   */
  List<@Nullable HistoryEntry> apply(List<Candidate> candidates) {
    List<HistoryEntry> entries = new ArrayList<>(candidates.stream().map(Candidate::entry).toList());
    Map<ContactKey, HistoryTombstones.Tombstone> known = tombstones.of(entries.stream().map(HistoryEntry::contactKey).toList());
    for (int hop = 0; hop < LONGEST_MERGE_CHAIN && entries.stream().anyMatch(e -> survivorOf(e, known) != null); hop++) {
      entries.replaceAll(e -> {
        String survivor = survivorOf(e, known);
        return survivor == null ? e : e.forContact(survivor);
      });
      known.putAll(tombstones.of(entries.stream().map(HistoryEntry::contactKey).filter(k -> !known.containsKey(k)).toList()));
    }
    List<@Nullable HistoryEntry> verdicts = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      HistoryTombstones.Tombstone tombstone = known.get(entries.get(i).contactKey());
      Instant erasedAt = tombstone == null ? null : tombstone.erasedAt();
      boolean erased = erasedAt != null && candidates.get(i).observedAt().isBefore(erasedAt);
      verdicts.add(erased ? null : entries.get(i));
    }
    return verdicts;
  }

  private static @Nullable String survivorOf(HistoryEntry entry, Map<ContactKey, HistoryTombstones.Tombstone> known) {
    HistoryTombstones.Tombstone tombstone = known.get(entry.contactKey());
    return tombstone == null || Objects.equals(tombstone.mergedInto(), entry.contactId()) ? null : tombstone.mergedInto();
  }
}
