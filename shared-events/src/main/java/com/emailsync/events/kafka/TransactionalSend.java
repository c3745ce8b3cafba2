package com.emailsync.events.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Sends a record inside the transaction already open on this thread (a read-process-write listener's, which commits it
 * with the consumed offsets), or in a transaction of its own where none is open (a REST call, a scheduled job).
 */
public final class TransactionalSend {

  private TransactionalSend() {}

  /** @return true when the record is committed on return; false when it joined the open transaction */
  public static <K, V> boolean inCurrentOrOwn(KafkaOperations<K, V> kafka, ProducerRecord<K, V> record) {
    if (kafka.inTransaction()) {
      kafka.send(record);
      return false;
    }
    kafka.executeInTransaction(operations -> operations.send(record));
    return true;
  }
}
