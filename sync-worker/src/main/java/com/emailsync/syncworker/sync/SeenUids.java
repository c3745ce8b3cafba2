package com.emailsync.syncworker.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The UIDs of a folder the sync has read, as ascending, disjoint ranges: mail arrives mostly in UID order, so a folder
 * of 100,000 messages is a handful of ranges, split only where a message was gone before it was read. A UID below the
 * cursor that is in the folder but not here arrived late, out of order: a reconciliation publishes it.
 *
 * @param ranges pairs of first and last UID, both included
 */
public record SeenUids(List<long[]> ranges) {

  public static final SeenUids NONE = new SeenUids(List.of());

  public SeenUids {
    ranges = List.copyOf(ranges);
  }

  /** What an older cursor, which kept no UIDs, stands for: everything up to its last UID. */
  public static SeenUids upTo(long lastUid) {
    return lastUid < 1 ? NONE : new SeenUids(List.of(new long[] {1, lastUid}));
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** The lowest UID read; 0 when none. */
  public long first() {
    return ranges.isEmpty() ? 0 : ranges.getFirst()[0];
  }

  public boolean contains(long uid) {
    for (long[] range : ranges) {
      if (uid < range[0]) {
        return false;
      }
      if (uid <= range[1]) {
        return true;
      }
    }
    return false;
  }

  /**
   * These and the given UIDs. A UID between two read ones that was not in the folder then is never joined in: it may
   * be one the server assigned but showed only later, exactly what a reconciliation is for.
   */
  public SeenUids plus(Collection<Long> uids) {
    var byFirst = new TreeMap<Long, Long>();
    for (long[] range : ranges) {
      byFirst.put(range[0], range[1]);
    }
    for (long uid : uids) {
      byFirst.merge(uid, uid, Math::max);
    }
    List<long[]> merged = new ArrayList<>();
    for (var range : byFirst.entrySet()) {
      long[] last = merged.isEmpty() ? null : merged.getLast();
      if (last != null && range.getKey() <= last[1] + 1) {
        last[1] = Math.max(last[1], range.getValue());
      } else {
        merged.add(new long[] {range.getKey(), range.getValue()});
      }
    }
    return new SeenUids(merged);
  }

  /**
   * The same, with every range that ends below {@code uid} joined into one: a server shows a message late by seconds,
   * under a UID near the top of the folder, never thousands of UIDs back. Kept exact only near the cursor, the record
   * stays small however sparse the folder's UIDs are (a Gmail label's are: mail is archived out of it all the time),
   * where one range per surviving message would outgrow a Kafka record.
   */
  public SeenUids joinedBelow(long uid) {
    int below = 0;
    while (below < ranges.size() && ranges.get(below)[1] < uid) {
      below++;
    }
    if (below < 2) {
      return this;
    }
    List<long[]> joined = new ArrayList<>();
    joined.add(new long[] {ranges.getFirst()[0], ranges.get(below - 1)[1]});
    joined.addAll(ranges.subList(below, ranges.size()));
    return new SeenUids(joined);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof SeenUids that) || that.ranges.size() != ranges.size()) {
      return false;
    }
    for (int i = 0; i < ranges.size(); i++) {
      if (!java.util.Arrays.equals(ranges.get(i), that.ranges.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return ranges.stream().mapToInt(java.util.Arrays::hashCode).reduce(17, (a, b) -> 31 * a + b);
  }

  @Override
  public String toString() {
    return ranges.stream().map(r -> r[0] == r[1] ? String.valueOf(r[0]) : r[0] + ":" + r[1]).toList().toString();
  }
}
