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
 */
public record HistoryQuery(
    String tenantId,
    String contactId,
    EmailEvent.@Nullable Direction direction,
    @Nullable String connectionId,
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable String text) {

  public static HistoryQuery all(String tenantId, String contactId) {
    return new HistoryQuery(tenantId, contactId, null, null, null, null, null);
  }
}
