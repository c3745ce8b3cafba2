package com.emailsync.automation.trigger.web;

import com.emailsync.automation.trigger.Firing;
import com.emailsync.automation.trigger.FiringLedger;
import com.emailsync.events.web.PageCursor;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A page of firings, newest first, and the cursor of the next page (null on the last). */
record FiringPage(List<Firing> firings, @Nullable String nextCursor) {

  /** Firing ids are StableIds: 32 hex digits. */
  private static final Pattern FIRING_ID = Pattern.compile("[0-9a-f]{32}");

  /** @param fetched up to {@code limit + 1} firings: one more than shown tells there is a next page */
  static FiringPage of(List<Firing> fetched, int limit) {
    boolean more = fetched.size() > limit;
    List<Firing> shown = more ? fetched.subList(0, limit) : fetched;
    return new FiringPage(List.copyOf(shown), more ? PageCursor.encode(shown.getLast().firedAt(), shown.getLast().id()) : null);
  }

  static FiringLedger.@Nullable Position after(@Nullable String cursor) {
    PageCursor.Position position = PageCursor.decode(cursor, FIRING_ID);
    return position == null ? null : new FiringLedger.Position(position.at(), position.id());
  }
}
