package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.FolderCursorAdvanced;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.Topics;
import com.emailsync.syncworker.sync.SyncOutput;
import java.util.List;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes a batch's mail events and its cursor in one Kafka transaction: consumers reading committed records see the
 * mail and the cursor together or not at all, so a crash between them neither loses nor repeats mail.
 */
public class KafkaSyncOutput implements SyncOutput {

  private final KafkaTemplate<String, byte[]> kafka;
  private final EventCodec codec;
  private final KafkaSyncCursors cursors;

  public KafkaSyncOutput(KafkaTemplate<String, byte[]> kafka, EventCodec codec, KafkaSyncCursors cursors) {
    this.kafka = kafka;
    this.codec = codec;
    this.cursors = cursors;
  }

  @Override
  public void commit(List<EmailEvent> events, FolderCursorAdvanced cursor) {
    kafka.executeInTransaction(
        operations -> {
          events.forEach(event -> operations.send(codec.encode(Topics.MESSAGES, event)));
          operations.send(codec.encode(Topics.SYNC_CURSORS, cursor));
          return null;
        });
    cursors.remember(cursor);
  }

  @Override
  public void report(SyncStatusReported status) {
    kafka.executeInTransaction(operations -> operations.send(codec.encode(Topics.SYNC_STATUS, status)));
  }
}
