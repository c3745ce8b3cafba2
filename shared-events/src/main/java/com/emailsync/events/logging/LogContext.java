package com.emailsync.events.logging;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The keys a log line is found by (tenant, connection), put on the thread's MDC for the length of one piece
 * of work and removed after it: every line logged meanwhile, by our code or a library's, carries them, as JSON members
 * of its own in the services' structured logs.
 *
 * <pre>{@code try (var ignored = LogContext.of(LogContext.TENANT, tenantId, LogContext.CONNECTION, connectionId)) { ... }}</pre>
 */
public final class LogContext implements AutoCloseable {

  public static final String TENANT = "tenantId";
  public static final String CONNECTION = "connectionId";

  private final List<String> added;

  private LogContext(List<String> added) {
    this.added = added;
  }

  /** Key-value pairs; a null value is left out rather than logged as "null". */
  public static LogContext of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    List<String> added = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null && MDC.get(keysAndValues[i]) == null) {
        MDC.put(keysAndValues[i], keysAndValues[i + 1]);
        added.add(keysAndValues[i]);
      }
    }
    return new LogContext(added);
  }

  /** Removes only what this context added: an outer context's keys stay for the rest of its work. */
  @Override
  public void close() {
    added.forEach(MDC::remove);
  }
}
