package com.emailsync.contacthistory.history;

import com.emailsync.events.EmailEvent;
import com.emailsync.contacthistory.settings.Visibility;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which of a contact's entries a page shows; every filter is optional.
 *
 * @param from sent at or after
 * @param to sent before
 * @param text words to find in the subject or a body, case-insensitive
 * @param visibility the tenant's visibility, and {@code connectionVisibility} its connections' own: words are found
 *     only in text an entry's connection shows (subject and snippet from {@code SUMMARY}, bodies at {@code FULL})
 */
public record HistoryQuery(
    String tenantId,
    String contactId,
    EmailEvent.@Nullable Direction direction,
    @Nullable String connectionId,
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable String text,
    Visibility visibility,
    Map<String, Visibility> connectionVisibility) {

  public HistoryQuery {
    connectionVisibility = Map.copyOf(connectionVisibility);
  }

  public HistoryQuery(
      String tenantId,
      String contactId,
      EmailEvent.@Nullable Direction direction,
      @Nullable String connectionId,
      @Nullable Instant from,
      @Nullable Instant to,
      @Nullable String text) {
    this(tenantId, contactId, direction, connectionId, from, to, text, Visibility.FULL, Map.of());
  }

  public static HistoryQuery all(String tenantId, String contactId) {
    return new HistoryQuery(tenantId, contactId, null, null, null, null, null);
  }
}
