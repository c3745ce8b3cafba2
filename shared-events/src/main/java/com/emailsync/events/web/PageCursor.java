package com.emailsync.events.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The opaque cursor of a page of a list, newest first: the time and id of the last item shown, so the next page starts
 * after it however many items arrive meanwhile (keyset pagination, no skipped or repeated item).
 */
public final class PageCursor {

  private PageCursor() {}

  /** Where the previous page ended. */
  public record Position(Instant at, String id) {}

  public static String encode(Instant at, String id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((at.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param ids what an item id looks like: a cursor naming anything else was not made here
   * @return null for no cursor (the first page)
   * @throws InvalidCursor for a cursor this API did not return
   */
  public static @Nullable Position decode(@Nullable String cursor, Pattern ids) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
      if (parts.length == 2 && ids.matcher(parts[1]).matches()) {
        return new Position(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
      }
    } catch (RuntimeException e) {
      // Falls through to the same answer as a well-formed cursor that names no item id.
    }
    throw new InvalidCursor();
  }

  /** A cursor this API did not return: a 400 problem. */
  public static final class InvalidCursor extends RuntimeException {
    InvalidCursor() {
      super("The cursor is not one this API returned; start again without it.");
    }
  }
}
