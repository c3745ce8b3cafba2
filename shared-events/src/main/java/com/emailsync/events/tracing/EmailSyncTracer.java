package com.emailsync.events.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import org.jspecify.annotations.Nullable;

/** The tracer of Email Sync's own spans: the service's OpenTelemetry SDK (Spring Boot's), or none where it has none. */
public final class EmailSyncTracer {

  private EmailSyncTracer() {}

  /** Without an SDK, spans only carry their parent's context on: traces still run through, nothing is recorded. */
  public static Tracer of(@Nullable OpenTelemetry openTelemetry) {
    return (openTelemetry == null ? OpenTelemetry.noop() : openTelemetry).getTracer("com.emailsync");
  }
}
