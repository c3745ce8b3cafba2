package com.emailsync.contacthistory.history;

import com.emailsync.events.EmailEvent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which of a contact's entries a page shows; every filter is optional.
 *
 * @param from sent at or after
 * @param to sent before
 * @param text words to find in the subject or a body, case-insensitive
 * @param searchBodies whether the words may be found in bodies, or only in subjects and snippets (when the tenant
 *     keeps no more than a summary)
 */
public record HistoryQuery(
    String tenantId,
    String contactId,
    EmailEvent.@Nullable Direction direction,
    @Nullable String connectionId,
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable String text,
    boolean searchBodies) {

  public HistoryQuery(
      String tenantId,
      String contactId,
      EmailEvent.@Nullable Direction direction,
      @Nullable String connectionId,
      @Nullable Instant from,
      @Nullable Instant to,
      @Nullable String text) {
    this(tenantId, contactId, direction, connectionId, from, to, text, true);
  }

  public static HistoryQuery all(String tenantId, String contactId) {
    return new HistoryQuery(tenantId, contactId, null, null, null, null, null);
  }
}
