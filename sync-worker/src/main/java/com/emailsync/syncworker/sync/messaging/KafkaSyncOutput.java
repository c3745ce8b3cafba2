package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.FolderCursorAdvanced;
import com.emailsync.events.MailMessage;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.Topics;
import com.emailsync.syncworker.sync.SyncOutput;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
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
  public void commit(List<EmailEvent> events, FolderCursorAdvanced cursor) {
    kafka.executeInTransaction(
        operations -> {
          events.forEach(event -> operations.send(withinLimit(event)));
          operations.send(codec.encode(Topics.SYNC_CURSORS, cursor));
          return null;
        });
    cursors.remember(cursor);
  }

  @Override
  public void publish(List<EmailEvent> events) {
    if (!events.isEmpty()) {
      kafka.executeInTransaction(
          operations -> {
            events.forEach(event -> operations.send(withinLimit(event)));
            return null;
          });
    }
  }

  @Override
  public void report(SyncStatusReported status) {
    kafka.executeInTransaction(operations -> operations.send(codec.encode(Topics.SYNC_STATUS, status)));
  }

  /** Drops the HTML body first, then halves the text until the event fits; headers and attachments are always kept. */
  private ProducerRecord<String, byte[]> withinLimit(EmailEvent event) {
    var record = codec.encode(Topics.MESSAGES, event);
    MailMessage message = event.message();
    String text = message.textBody();
    String html = message.htmlBody();
    boolean cut = false;
    while (record.value().length > maxEventBytes && (html != null || (text != null && !text.isEmpty()))) {
      if (html != null) {
        html = null;
      } else {
        text = text.substring(0, text.length() / 2);
      }
      cut = true;
      record = codec.encode(Topics.MESSAGES, event.withMessage(message.withBodiesCut(text, html)));
    }
    if (cut) {
      log.warn(
          "Mail {} in folder {} of connection {} was too large for one event; its bodies were cut to fit",
          event.location().uid(), event.location().folder(), event.connectionId());
    }
    return record;
  }
}
