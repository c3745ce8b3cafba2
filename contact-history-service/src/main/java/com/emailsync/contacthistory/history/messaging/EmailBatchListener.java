package com.emailsync.contacthistory.history.messaging;

import com.emailsync.contacthistory.history.EmailLogging;
import com.emailsync.events.EmailEvent;
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
 * Consumes mail a poll at a time in one Kafka transaction (read-process-write): one contact lookup and one bulk MongoDB
 * write for the whole batch, the published activity, and the consumed offsets commit together, so a replay stores
 * nothing twice and downstream sees each activity once.
 *
 * <p>A record that is not a valid event, or whose mail cannot be logged, is dead-lettered at once, in the same
 * transaction, with its reason; the rest of its batch goes on. An outage (MongoDB or Kafka away) rolls the batch back
 * to be tried again, with growing pauses, until it goes through: see {@code EmailIngestConfiguration}.
 */
public class EmailBatchListener {

  static final String GROUP = "contact-history-service.messages";

  private final EmailLogging logging;
  private final EventCodec codec;
  private final ConsumerRecordRecoverer deadLetters;
  private final Tracer tracer;

  public EmailBatchListener(EmailLogging logging, EventCodec codec, ConsumerRecordRecoverer deadLetters, Tracer tracer) {
    this.tracer = tracer;
    this.logging = logging;
    this.codec = codec;
    this.deadLetters = deadLetters;
  }

  @KafkaListener(topics = Topics.MESSAGES, groupId = GROUP, containerFactory = EmailIngestConfiguration.FACTORY, batch = "true")
  void onEmails(List<ConsumerRecord<String, byte[]>> records) {
    List<EmailEvent> emails = new ArrayList<>(records.size());
    Map<UUID, ConsumerRecord<String, byte[]>> sources = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        if (codec.decode(record) instanceof EmailEvent email) {
          emails.add(email);
          sources.put(email.eventId(), record);
        }
      } catch (UndecodableEventException e) {
        deadLetters.accept(record, e);
      }
    }
    Map<String, Headers> traces = new HashMap<>();
    sources.forEach((eventId, record) -> traces.put(eventId.toString(), record.headers()));
    // Each mail's history entries continue the trace of the pass that read it (see TracedBatch).
    try (var traced = TracedBatch.start(tracer, "log mail", traces)) {
      log(emails, sources);
    }
  }

  private void log(List<EmailEvent> emails, Map<UUID, ConsumerRecord<String, byte[]>> sources) {
    try {
      deadLetterRejected(logging.log(emails), sources);
    } catch (RuntimeException e) {
      if (TransientFailures.isTransient(e)) {
        throw e;
      }
      // One mail fails the whole batch (the store refuses its entry, say): log the mail one at a time instead, and
      // dead-letter what fails on its own, so it cannot hold up its partition.
      for (EmailEvent email : emails) {
        try {
          deadLetterRejected(logging.log(List.of(email)), sources);
        } catch (RuntimeException alone) {
          if (TransientFailures.isTransient(alone)) {
            throw alone;
          }
          deadLetters.accept(sources.get(email.eventId()), alone);
        }
      }
    }
  }

  private void deadLetterRejected(EmailLogging.Outcome outcome, Map<UUID, ConsumerRecord<String, byte[]>> sources) {
    outcome.rejected().forEach((eventId, reason) -> deadLetters.accept(sources.get(eventId), new UnloggableEmailException(reason)));
  }

  static class UnloggableEmailException extends RuntimeException {
    UnloggableEmailException(String reason) {
      super(reason);
    }
  }
}
