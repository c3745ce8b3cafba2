package com.emailsync.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import com.emailsync.events.tracing.TraceHeaders;
import com.emailsync.events.tracing.TracedBatch;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts events on Kafka as CloudEvents in binary mode: {@code ce_*} headers carry id, type, source and time, the value
 * is the event as JSON. Readers ignore fields they do not know, so a version can gain optional fields.
 */
public final class EventCodec {

  public static final String CONTENT_TYPE = "application/json";

  private final URI source;
  private final JsonMapper json;

  /** @param source who produces, e.g. {@code /emailsync/sync-worker}: the CloudEvents {@code source} attribute */
  public EventCodec(String source) {
    this.source = URI.create(source);
    this.json = jsonMapper();
  }

  public static JsonMapper jsonMapper() {
    return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).addModule(LongStringSerializer.module()).build();
  }

  /**
   * The event as a record, carrying the trace it continues ({@link TraceHeaders}): that of the consumed event it
   * answers, within a {@link TracedBatch}, else the span current on this thread, else none.
   */
  public ProducerRecord<String, byte[]> encode(String topic, DomainEvent event) {
    var record = KafkaMessageFactory.createWriter(topic, null, null, event.aggregateId()).writeBinary(toCloudEvent(event));
    Context trace = event.causeId().flatMap(TracedBatch::contextOf).orElseGet(Context::current);
    TraceHeaders.inject(trace, record.headers());
    return record;
  }

  /** A tombstone: on a compacted topic it deletes every earlier record of the key. */
  public static ProducerRecord<String, byte[]> tombstone(String topic, String key) {
    var record = new ProducerRecord<String, byte[]>(topic, key, null);
    TraceHeaders.inject(Context.current(), record.headers());
    return record;
  }

  public CloudEvent toCloudEvent(DomainEvent event) {
    return CloudEventBuilder.v1()
        .withId(event.eventId().toString())
        .withSource(source)
        .withType(EventTypes.typeOf(event))
        .withSubject(event.aggregateId())
        .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
        .withDataContentType(CONTENT_TYPE)
        .withData(json.writeValueAsBytes(event))
        .build();
  }

  /**
   * @return the event, or null for a tombstone
   * @throws UndecodableEventException saying what is wrong: not a CloudEvent, an unknown type, or a payload that does
   *     not fit its type
   */
  public @Nullable DomainEvent decode(ConsumerRecord<?, byte[]> record) {
    if (record.value() == null) {
      return null;
    }
    CloudEvent cloudEvent;
    try {
      cloudEvent = KafkaMessageFactory.createReader(record).toEvent();
    } catch (RuntimeException e) {
      throw new UndecodableEventException("not a CloudEvent in binary mode: " + e.getMessage(), e);
    }
    return decode(cloudEvent.getType(), cloudEvent.getData() == null ? null : cloudEvent.getData().toBytes());
  }

  public DomainEvent decode(String type, byte @Nullable [] data) {
    var eventClass =
        EventTypes.classOf(type)
            .orElseThrow(() -> new UndecodableEventException("unknown event type '" + type + "'"));
    if (data == null) {
      throw new UndecodableEventException("event of type '" + type + "' has no data");
    }
    try {
      return json.readValue(data, eventClass);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new UndecodableEventException("payload does not fit " + type + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
