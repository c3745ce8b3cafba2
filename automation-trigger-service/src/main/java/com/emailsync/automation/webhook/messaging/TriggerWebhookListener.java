package com.emailsync.automation.webhook.messaging;

import com.emailsync.automation.webhook.WebhookDeliveries;
import com.emailsync.events.AutomationTriggered;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import com.emailsync.events.tracing.TraceHeaders;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads the trigger's committed output (never a firing that was rolled back) in a group of its own, and puts each
 * event in line for the tenant's endpoints: webhooks never slow the Kafka output, and the line survives restarts.
 */
public class TriggerWebhookListener {

  private final WebhookDeliveries deliveries;
  private final EventCodec codec;
  private final JsonFormat json = new JsonFormat();

  /** The CloudEvents distributed-tracing extension's attribute. */
  static final String TRACEPARENT = "traceparent";

  public TriggerWebhookListener(WebhookDeliveries deliveries, EventCodec codec) {
    this.deliveries = deliveries;
    this.codec = codec;
  }

  @KafkaListener(topics = Topics.AUTOMATION_TRIGGERS, groupId = "automation-trigger-service.webhooks")
  void on(ConsumerRecord<String, byte[]> record) {
    if (!(codec.decode(record) instanceof AutomationTriggered triggered)) {
      return;
    }
    CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
    // The endpoint's request goes on with the mail's trace, as the CloudEvents distributed-tracing extension: this
    // listener's own span where tracing runs, else the record's.
    Context trace = Span.current().getSpanContext().isValid() ? Context.current() : TraceHeaders.extract(record.headers());
    Optional<String> traceparent = TraceHeaders.traceparent(trace);
    if (traceparent.isPresent()) {
      event = CloudEventBuilder.v1(event).withExtension(TRACEPARENT, traceparent.get()).build();
    }
    String structured = new String(json.serialize(event), StandardCharsets.UTF_8);
    deliveries.enqueue(triggered.tenantId(), event.getId(), event.getType(), triggered.entryId(), structured);
  }

  /** Erasures upstream take the deliveries about the erased entries with them, in a group of its own. */
  @KafkaListener(topics = Topics.CONTACT_ACTIVITY, groupId = "automation-trigger-service.webhook-erasures")
  void onActivity(ConsumerRecord<String, byte[]> record) {
    if (record.value() != null && codec.decode(record) instanceof com.emailsync.events.EntriesErased erased) {
      deliveries.entriesErased(erased.tenantId(), erased.entryIds());
    }
  }
}
