package com.emailsync.contacthistory.history.messaging;

import com.emailsync.contacthistory.history.HistoryErasure;
import com.emailsync.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Erases what a deleted connection logged, for tenants that erase with connections. Only the tombstones of the
 * connections topic matter here; a connection's state (and its sealed credential) is never read.
 */
public class ConnectionDeletionListener {

  private final HistoryErasure erasure;

  public ConnectionDeletionListener(HistoryErasure erasure) {
    this.erasure = erasure;
  }

  @KafkaListener(topics = Topics.CONNECTIONS, groupId = "contact-history-service.connection-deletions")
  void on(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null && record.key() != null) {
      erasure.connectionDeleted(record.key());
    }
  }
}
