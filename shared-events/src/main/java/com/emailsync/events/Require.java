package com.emailsync.events;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Checks shared by the event records' constructors, so a payload missing a required field is rejected by name. */
final class Require {

  private Require() {}

  static <T> T present(@Nullable T value, String field) {
    return Objects.requireNonNull(value, () -> field + " is required");
  }

  static String text(@Nullable String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** Lists are optional on the wire: absent means empty, so later versions can add them without breaking readers. */
  static <T> List<T> list(@Nullable List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }
}
