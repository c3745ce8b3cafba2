package com.emailsync.events.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.EventCodec;
import com.emailsync.events.EventMother;
import com.emailsync.events.Topics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One trace from the mail's fetch to its trigger: each event the codec writes carries the trace it continues. */
class TraceHeadersTest {

  private final List<SpanData> ended = new CopyOnWriteArrayList<>();
  private final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      ended.addAll(spans);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  })).build();
  private final Tracer tracer = provider.get("test");
  private final EventCodec codec = new EventCodec("/emailsync/test");

  @AfterEach
  void tearDown() {
    provider.close();
  }

  @Test
  void anEventWrittenDuringASpanCarriesThatSpanAndOneWrittenOutsideAnyCarriesNone() {
    Span pass = tracer.spanBuilder("imap sync").startSpan();
    ProducerRecord<String, byte[]> during;
    try (var ignored = pass.makeCurrent()) {
      during = codec.encode(Topics.MESSAGES, EventMother.emailReceived());
    } finally {
      pass.end();
    }

    assertThat(traceparent(during.headers())).startsWith("00-%s-%s-".formatted(pass.getSpanContext().getTraceId(), pass.getSpanContext().getSpanId()));
    assertThat(codec.encode(Topics.MESSAGES, EventMother.emailReceived()).headers().lastHeader("traceparent")).isNull();
  }

  @Test
  void inABatchEachEventContinuesTheTraceOfTheEventItAnswersThroughASpanOfItsOwn() {
    var logged = EventMother.contactEmailLogged();
    Span elsewhere = tracer.spanBuilder("another mail's pass").startSpan();
    Span mailsPass = tracer.spanBuilder("imap sync").startSpan();
    Headers mailRecord = mailRecordWithin(mailsPass);
    mailsPass.end();
    elsewhere.end();

    ProducerRecord<String, byte[]> activity;
    try (var batch = TracedBatch.start(tracer, "log mail", Map.of(
        logged.sourceEventId().toString(), mailRecord,
        "some-other-event", mailRecordWithin(elsewhere)))) {
      activity = codec.encode(Topics.CONTACT_ACTIVITY, logged);
    }

    String[] parts = traceparent(activity.headers()).split("-");
    assertThat(parts[1]).as("the mail's trace").isEqualTo(mailsPass.getSpanContext().getTraceId());
    SpanData logging = ended.stream().filter(span -> span.getSpanId().equals(parts[2])).findFirst().orElseThrow();
    assertThat(logging.getName()).isEqualTo("log mail");
    assertThat(logging.getParentSpanId()).as("a child of the pass that read the mail").isEqualTo(mailsPass.getSpanContext().getSpanId());
    assertThat(TracedBatch.contextOf(logged.sourceEventId().toString())).as("the batch's spans end with it").isEmpty();
  }

  /** A mail event's headers as the pass that read it wrote them. */
  private Headers mailRecordWithin(Span pass) {
    try (var ignored = pass.makeCurrent()) {
      return codec.encode(Topics.MESSAGES, EventMother.emailReceived()).headers();
    }
  }

  private static String traceparent(Headers headers) {
    return new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8);
  }
}
