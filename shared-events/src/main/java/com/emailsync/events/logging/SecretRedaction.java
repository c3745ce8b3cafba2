package com.emailsync.events.logging;

import java.util.regex.Pattern;

/**
 * The last line of defence of the logs: nothing we write logs a secret (tests look for every password and token in
 * every line), but a library's message or an exception from a server can quote a request. What looks like a bearer
 * token, a JWT, or a {@code password=}/{@code secret=}/{@code token=} value is replaced before the line is written.
 */
public final class SecretRedaction {

  static final String REDACTED = "[redacted]";

  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
  private static final Pattern NAMED =
      Pattern.compile("(?i)\\b([a-z_-]*(?:password|passwd|secret|token|api[_-]?key))(\"?\\s*[=:]\\s*\"?)([^\\s\"&,;}]+)");

  private SecretRedaction() {}

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String redacted = BEARER.matcher(text).replaceAll("$1 " + REDACTED);
    redacted = JWT.matcher(redacted).replaceAll(REDACTED);
    return NAMED.matcher(redacted).replaceAll("$1$2" + REDACTED);
  }
}
