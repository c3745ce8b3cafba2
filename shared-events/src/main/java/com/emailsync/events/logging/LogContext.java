package com.emailsync.events.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The keys a log line is found by (tenant, connection, mail), put on the thread's MDC for the length of one piece
 * of work and taken back after it: every line logged meanwhile, by our code or a library's, carries them, as JSON
 * members of their own in the services' structured logs.
 *
 * <pre>{@code try (var ignored = LogContext.of(LogContext.TENANT, tenantId, LogContext.CONNECTION, connectionId)) { ... }}</pre>
 */
public final class LogContext implements AutoCloseable {

  public static final String TENANT = "tenantId";
  public static final String CONNECTION = "connectionId";
  /** A mail's Message-ID, where a line is about one mail. */
  public static final String MESSAGE = "messageId";

  /** Each key set here and the value it had before (null: none). */
  private final Map<String, String> previous;

  private LogContext(Map<String, String> previous) {
    this.previous = previous;
  }

  /** Key-value pairs; a null value is left out rather than logged as "null". */
  public static LogContext of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, String> previous = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        previous.put(keysAndValues[i], MDC.get(keysAndValues[i]));
        MDC.put(keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return new LogContext(previous);
  }

  /** Puts back what was there before: an outer context's keys stay for the rest of its work, and a stale one is not kept. */
  @Override
  public void close() {
    previous.forEach((key, value) -> {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    });
  }
}
