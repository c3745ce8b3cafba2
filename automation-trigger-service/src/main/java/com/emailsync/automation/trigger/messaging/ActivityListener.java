package com.emailsync.automation.trigger.messaging;

import com.emailsync.automation.trigger.TriggerFiring;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EntriesErased;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import com.emailsync.events.UndecodableEventException;
import com.emailsync.events.kafka.TransientFailures;
import com.emailsync.events.tracing.TracedBatch;
import io.opentelemetry.api.trace.Tracer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/**
 * Read-process-write a poll at a time, in one Kafka transaction: the ledger writes, the trigger events and the consumed
 * offsets commit together, so a replay fires nothing twice. A record that is not a valid event, or whose firing fails
 * on its own, is dead-lettered in the same transaction with its reason, and the rest of its batch goes on; an outage
 * (MongoDB, Kafka or contact-history away) rolls the batch back to be tried again until it goes through.
 */
public class ActivityListener {

  static final String GROUP = "automation-trigger-service";

  private final TriggerFiring firing;
  private final EventCodec codec;
  private final ConsumerRecordRecoverer deadLetters;
  private final Tracer tracer;

  public ActivityListener(TriggerFiring firing, EventCodec codec, ConsumerRecordRecoverer deadLetters, Tracer tracer) {
    this.tracer = tracer;
    this.firing = firing;
    this.codec = codec;
    this.deadLetters = deadLetters;
  }

  @KafkaListener(topics = Topics.CONTACT_ACTIVITY, groupId = GROUP, containerFactory = ActivityListenerConfiguration.FACTORY, batch = "true")
  void on(List<ConsumerRecord<String, byte[]>> records) {
    List<ContactEmailLogged> logged = new ArrayList<>(records.size());
    List<EntriesErased> erasures = new ArrayList<>();
    Map<UUID, ConsumerRecord<String, byte[]>> sources = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        switch (codec.decode(record)) {
          case ContactEmailLogged event -> {
            logged.add(event);
            sources.put(event.eventId(), record);
          }
          case EntriesErased erased -> erasures.add(erased);
          case null, default -> {}
        }
      } catch (UndecodableEventException e) {
        deadLetters.accept(record, e);
      }
    }
    // Each firing continues the trace of the history entry that fired it, and so of the mail (see TracedBatch).
    Map<String, Headers> traces = new HashMap<>();
    logged.forEach(event -> traces.put(event.entryId(), sources.get(event.eventId()).headers()));
    try (var traced = TracedBatch.start(tracer, "fire automations", traces)) {
      fire(logged, sources);
    }
    // After the batch's firings: an erasure names entries logged before it.
    erasures.forEach(firing::entriesErased);
  }

  private void fire(List<ContactEmailLogged> logged, Map<UUID, ConsumerRecord<String, byte[]>> sources) {
    try {
      firing.on(logged);
    } catch (RuntimeException e) {
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      // One event fails the whole batch: fire one at a time instead, and dead-letter what fails on its own, so it
      // cannot hold up its partition.
      for (ContactEmailLogged event : logged) {
        try {
          firing.on(event);
        } catch (RuntimeException alone) {
          if (TransientFailures.isTransient(alone)) {
            throw alone;
          }
          deadLetters.accept(sources.get(event.eventId()), alone);
        }
      }
    }
  }
}
