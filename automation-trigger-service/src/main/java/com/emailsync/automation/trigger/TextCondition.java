package com.emailsync.automation.trigger;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A condition on a text (a subject): it contains a phrase (ignoring case), matches a regular expression, or both.
 * Expressions are RE2's, which run in time linear in the text: a tenant's pattern can never stall the trigger on a
 * crafted subject (java.util.regex can backtrack for ever).
 */
public final class TextCondition {

  /** Longer phrases and patterns are refused: nobody needs one, and each is tried on every mail. */
  public static final int MAX_LENGTH = 500;

  private final @Nullable String contains;
  private final @Nullable String matches;
  private final @Nullable Pattern pattern;

  private TextCondition(@Nullable String contains, @Nullable String matches) {
    this.contains = contains;
    this.matches = matches;
    this.pattern = matches == null ? null : Pattern.compile(matches);
  }

  /** @throws InvalidCondition when neither is given, one is too long, or the pattern is not a valid expression */
  public static TextCondition of(@Nullable String contains, @Nullable String matches) {
    if ((contains == null || contains.isBlank()) && (matches == null || matches.isBlank())) {
      throw new InvalidCondition("contains", "give a phrase to contain, a pattern to match, or both");
    }
    if (contains != null && contains.length() > MAX_LENGTH) {
      throw new InvalidCondition("contains", "at most " + MAX_LENGTH + " characters");
    }
    if (matches != null && matches.length() > MAX_LENGTH) {
      throw new InvalidCondition("matches", "at most " + MAX_LENGTH + " characters");
    }
    try {
      return new TextCondition(contains == null || contains.isBlank() ? null : contains, matches == null || matches.isBlank() ? null : matches);
    } catch (PatternSyntaxException e) {
      throw new InvalidCondition("matches", "not a valid regular expression (RE2 syntax): " + e.getDescription());
    }
  }

  public @Nullable String contains() {
    return contains;
  }

  public @Nullable String matches() {
    return matches;
  }

  boolean test(@Nullable String text) {
    String value = text == null ? "" : text;
    if (contains != null && !value.toLowerCase(Locale.ROOT).contains(contains.toLowerCase(Locale.ROOT))) {
      return false;
    }
    return pattern == null || pattern.matcher(value).find();
  }

  /** A condition that cannot be used; {@code field} is the one at fault ({@code contains} or {@code matches}). */
  public static final class InvalidCondition extends RuntimeException {
    private final String field;

    InvalidCondition(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TextCondition that && java.util.Objects.equals(contains, that.contains) && java.util.Objects.equals(matches, that.matches);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(contains, matches);
  }
}
