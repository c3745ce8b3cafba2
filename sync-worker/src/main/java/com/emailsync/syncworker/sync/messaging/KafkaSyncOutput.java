package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.FolderCursorAdvanced;
import com.emailsync.events.MailMessage;
import com.emailsync.events.MessageSetAside;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.Topics;
import com.emailsync.syncworker.sync.SyncOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes a batch's mail events and its cursor in one Kafka transaction: consumers reading committed records see the
 * mail and the cursor together or not at all, so a crash between them neither loses nor repeats mail.
 */
public class KafkaSyncOutput implements SyncOutput {

  private static final Logger log = LoggerFactory.getLogger(KafkaSyncOutput.class);

  private final KafkaTemplate<String, byte[]> kafka;
  private final EventCodec codec;
  private final KafkaSyncCursors cursors;
  private final int maxEventBytes;

  /**
   * @param maxEventBytes the largest mail event to produce, below what the broker accepts: a larger one would fail its
   *     batch on every retry and stop the folder for good, so its bodies are cut to fit instead
   */
  public KafkaSyncOutput(KafkaTemplate<String, byte[]> kafka, EventCodec codec, KafkaSyncCursors cursors, int maxEventBytes) {
    this.kafka = kafka;
    this.codec = codec;
    this.cursors = cursors;
    this.maxEventBytes = maxEventBytes;
  }

  @Override
  public List<MessageSetAside> commit(List<EmailEvent> events, List<MessageSetAside> setAside, FolderCursorAdvanced cursor) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    List<MessageSetAside> aside = new ArrayList<>(setAside);
    for (EmailEvent event : events) {
      withinLimit(event).ifPresentOrElse(records::add, () -> aside.add(tooLarge(event)));
    }
    aside.forEach(a -> records.add(codec.encode(Topics.MESSAGES_SET_ASIDE, a)));
    kafka.executeInTransaction(
        operations -> {
          records.forEach(operations::send);
          operations.send(codec.encode(Topics.SYNC_CURSORS, cursor));
          return null;
        });
    cursors.remember(cursor);
    aside.forEach(a -> log.warn("Message at UID {} in folder {} of connection {} set aside: {}", a.location().uid(), a.location().folder(), a.connectionId(), a.reason()));
    return aside;
  }

  private MessageSetAside tooLarge(EmailEvent event) {
    MailMessage message = event.message();
    return new MessageSetAside(
        UUID.randomUUID(), event.occurredAt(), event.connectionId(), event.tenantId(), event.location(), message.messageId(),
        "it is too large for one event even without its bodies and attachment list (%d recipients)".formatted(message.participants().size()));
  }

  @Override
  public void publish(List<EmailEvent> events) {
    if (!events.isEmpty()) {
      kafka.executeInTransaction(
          operations -> {
            events.forEach(event -> withinLimit(event).ifPresent(operations::send));
            return null;
          });
    }
  }

  @Override
  public void report(SyncStatusReported status) {
    kafka.executeInTransaction(operations -> operations.send(codec.encode(Topics.SYNC_STATUS, status)));
  }

  /**
   * Drops the HTML body first, then halves the text, then the list of attachments, until the event fits; the
   * participants are always kept, so a mail that still does not fit is no event at all.
   */
  private Optional<ProducerRecord<String, byte[]>> withinLimit(EmailEvent event) {
    var record = codec.encode(Topics.MESSAGES, event);
    MailMessage message = event.message();
    while (record.value().length > maxEventBytes) {
      MailMessage shorter = shortened(message);
      if (shorter == null) {
        return Optional.empty();
      }
      message = shorter;
      record = codec.encode(Topics.MESSAGES, event.withMessage(message));
    }
    if (message != event.message()) {
      log.warn(
          "Mail {} in folder {} of connection {} was too large for one event; its bodies or attachment list were cut to fit",
          event.location().uid(), event.location().folder(), event.connectionId());
    }
    return Optional.of(record);
  }

  /** One step shorter, or null when nothing is left to cut. */
  private static @Nullable MailMessage shortened(MailMessage message) {
    if (message.htmlBody() != null) {
      return message.withBodiesCut(message.textBody(), null);
    }
    if (message.textBody() != null && !message.textBody().isEmpty()) {
      return message.withBodiesCut(message.textBody().substring(0, message.textBody().length() / 2), null);
    }
    if (!message.attachments().isEmpty()) {
      return message.withAttachmentsCut(message.attachments().size() / 2);
    }
    return null;
  }
}
