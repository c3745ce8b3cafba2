package com.emailsync.events.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) on a Kafka record's headers, as OpenTelemetry's and
 * Spring Kafka's instrumentation read and write it. Every event {@link com.emailsync.events.EventCodec} encodes carries
 * the trace of the work that produced it, so one trace runs from the IMAP fetch that read a mail, through its history
 * entry, to the automation it fired and the webhook that announced it (there as the CloudEvents distributed-tracing
 * extension).
 */
public final class TraceHeaders {

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
    if (headers != null) {
      headers.remove(key);
      headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
  };

  private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Headers headers) {
      List<String> keys = new ArrayList<>();
      headers.forEach(header -> keys.add(header.key()));
      return keys;
    }

    @Override
    public @Nullable String get(@Nullable Headers headers, String key) {
      Header header = headers == null ? null : headers.lastHeader(key);
      return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
  };

  private TraceHeaders() {}

  /** Writes the context's span, if it has one, into the headers; a context without one writes nothing. */
  public static void inject(Context context, Headers headers) {
    W3C.inject(context, headers, SETTER);
  }

  /** The context's span as a W3C {@code traceparent} value, if it has one. */
  public static java.util.Optional<String> traceparent(Context context) {
    java.util.Map<String, String> fields = new java.util.HashMap<>();
    W3C.inject(context, fields, java.util.Map::put);
    return java.util.Optional.ofNullable(fields.get("traceparent"));
  }

  /** The trace a consumed record belongs to, as a parent for the consumer's own span; the root context if none. */
  public static Context extract(Headers headers) {
    return W3C.extract(Context.root(), headers, GETTER);
  }
}
