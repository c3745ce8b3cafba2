package com.emailsync.connection.mailbox.messaging;

import com.emailsync.connection.mailbox.MailboxConnections;
import com.emailsync.events.EventCodec;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Keeps each connection's sync health up to date from the workers' status reports. */
public class SyncStatusListener {

  private final MailboxConnections connections;
  private final EventCodec codec;

  public SyncStatusListener(MailboxConnections connections, EventCodec codec) {
    this.connections = connections;
    this.codec = codec;
  }

  @KafkaListener(topics = Topics.SYNC_STATUS, groupId = "connection-service")
  void on(ConsumerRecord<String, byte[]> record) {
    if (codec.decode(record) instanceof SyncStatusReported report) {
      connections.recordSync(report);
    }
  }
}
