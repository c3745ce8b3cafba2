package com.emailsync.events.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * A consumer's spans for a batch it processes in one go: one span per consumed event, each continuing that event's
 * trace. A batch listener's bulk work publishes its events all at once, with no record "current" at the time; the
 * codec finds each outgoing event's trace here by its cause ({@link com.emailsync.events.DomainEvent#causeId()}: the
 * consumed event it answers), so each still continues the trace of the mail it came from.
 *
 * <pre>{@code try (var traced = TracedBatch.start(tracer, "contact-history log mail", sourcesByEventId)) { ...bulk work... }}</pre>
 */
public final class TracedBatch implements AutoCloseable {

  private static final ThreadLocal<TracedBatch> CURRENT = new ThreadLocal<>();

  private final Map<String, Span> spans;
  private final TracedBatch previous;

  private TracedBatch(Map<String, Span> spans, TracedBatch previous) {
    this.spans = spans;
    this.previous = previous;
  }

  /** @param sources each consumed event's headers, by the id its outgoing events name as their cause */
  public static TracedBatch start(Tracer tracer, String spanName, Map<String, Headers> sources) {
    Map<String, Span> spans = new HashMap<>();
    sources.forEach((cause, headers) -> spans.put(cause,
        tracer.spanBuilder(spanName).setParent(TraceHeaders.extract(headers)).setSpanKind(SpanKind.CONSUMER).startSpan()));
    var batch = new TracedBatch(spans, CURRENT.get());
    CURRENT.set(batch);
    return batch;
  }

  /** The context an event caused by {@code causeId} continues, within the batch under way on this thread. */
  public static Optional<Context> contextOf(String causeId) {
    TracedBatch batch = CURRENT.get();
    Span span = batch == null ? null : batch.spans.get(causeId);
    return span == null ? Optional.empty() : Optional.of(Context.root().with(span));
  }

  @Override
  public void close() {
    spans.values().forEach(Span::end);
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }
}
