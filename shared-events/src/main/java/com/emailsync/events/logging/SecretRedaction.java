package com.emailsync.events.logging;

import java.util.regex.Pattern;

/**
 * The last line of defence of the logs: nothing we write logs a secret (tests look for every password and token in
 * every line), but a library's message or an exception from a server can quote a request. What looks like a bearer
 * or basic credential, a JWT, a password in a URI, or the value of something named a password, secret, token or key
 * is replaced before the line is written; words that only say what became of one ("token: expired") are kept.
 */
public final class SecretRedaction {

  static final String REDACTED = "[redacted]";

  /** A credential after its scheme: long, and not a plain word ("basic authentication" stays). */
  private static final Pattern SCHEME = Pattern.compile("(?i)\\b(bearer|basic)\\s+(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{12,}");

  private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");

  /** {@code scheme://user:password@host}: the user stays, the password goes. */
  private static final Pattern URI_PASSWORD = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^/\\s:@]+):[^@\\s/]+@");

  private static final String NAME = "(?i)\\b([a-z_-]*(?:password|passwd|secret|token|apikey|[_-]key))";

  private static final Pattern NAMED_QUOTED = Pattern.compile(NAME + "(\"?\\s*[=:]\\s*)\"([^\"]*)\"");

  /** What a named value may say without being one: what became of it, not what it is. */
  private static final Pattern NAMED = Pattern.compile(
      NAME + "(\"?\\s*[=:]\\s*)(?!(?:expired|rejected|refused|revoked|invalid|missing|required|unset|null|none|empty|present|absent)\\b)"
          + "(?!\\[redacted])([^\\s\"&,;}]+)");

  private SecretRedaction() {}

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String redacted = SCHEME.matcher(text).replaceAll("$1 " + REDACTED);
    redacted = JWT.matcher(redacted).replaceAll(REDACTED);
    redacted = URI_PASSWORD.matcher(redacted).replaceAll("$1:" + REDACTED + "@");
    redacted = NAMED_QUOTED.matcher(redacted).replaceAll("$1$2\"" + REDACTED + "\"");
    return NAMED.matcher(redacted).replaceAll("$1$2" + REDACTED);
  }
}
