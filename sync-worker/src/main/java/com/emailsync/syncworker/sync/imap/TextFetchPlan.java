package com.emailsync.syncworker.sync.imap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which text a batch asks the server for: each message's body sections, each with a window sized from what its
 * structure states, grouped so that messages asking the same share one FETCH; and only as many messages as the batch's
 * byte budget holds. The budget counts the bytes asked for, which a server answering a partial FETCH cannot exceed,
 * not any size it states: whatever it claims, a batch never holds more text than its budget.
 */
final class TextFetchPlan {

  /** {@code BODY.PEEK[section]<0.window>}. */
  record Request(String section, int window) {}

  private final long budget;
  private final Map<List<Request>, List<Long>> uidsByShape = new LinkedHashMap<>();
  private long asked;
  private int planned;
  private boolean full;

  /** @param budget bytes of text the batch may ask for; the first message is planned whatever it asks */
  TextFetchPlan(long budget) {
    this.budget = budget;
  }

  /**
   * Plans the message's sections, unless they would take the batch over its budget: then the message, and every one
   * after it, waits for the next batch.
   *
   * @return whether the message is in this batch
   */
  boolean add(long uid, List<Request> requests) {
    long cost = requests.stream().mapToLong(Request::window).sum();
    if (full || planned > 0 && asked + cost > budget) {
      // The batch is a run of UIDs: nothing after a message left out may come before it.
      full = true;
      return false;
    }
    asked += cost;
    planned++;
    if (!requests.isEmpty()) {
      uidsByShape.computeIfAbsent(List.copyOf(requests), shape -> new ArrayList<>()).add(uid);
    }
    return true;
  }

  /**
   * One FETCH each: the UIDs of the messages planned since the last call that ask for the same sections and windows.
   * The budget still counts them.
   */
  Map<List<Request>, List<Long>> takeFetches() {
    Map<List<Request>, List<Long>> fetches = new LinkedHashMap<>(uidsByShape);
    uidsByShape.clear();
    return fetches;
  }

  /** Bytes of text asked for so far. */
  long asked() {
    return asked;
  }
}
