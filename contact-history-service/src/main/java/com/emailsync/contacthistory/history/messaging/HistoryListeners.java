package com.emailsync.contacthistory.history.messaging;

import com.emailsync.contacthistory.history.ContactSync;
import com.emailsync.contacthistory.history.EmailLogging;
import com.emailsync.events.ContactChanged;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes contacts and mail. Each record is processed in a Kafka transaction (read-process-write): the idempotent
 * MongoDB write, the published activity and the consumed offset commit together, so a replay stores nothing twice and
 * downstream sees each activity once.
 */
public class HistoryListeners {

  private final ContactSync contacts;
  private final EmailLogging logging;
  private final EventCodec codec;

  public HistoryListeners(ContactSync contacts, EmailLogging logging, EventCodec codec) {
    this.contacts = contacts;
    this.logging = logging;
    this.codec = codec;
  }

  @KafkaListener(topics = Topics.CONTACTS, groupId = "contact-history-service.contacts")
  void onContact(ConsumerRecord<String, byte[]> record) {
    switch (codec.decode(record)) {
      case null -> contacts.deleted(record.key());
      case ContactChanged contact -> contacts.changed(contact);
      default -> {}
    }
  }

  @KafkaListener(topics = Topics.MESSAGES, groupId = "contact-history-service.messages")
  void onEmail(ConsumerRecord<String, byte[]> record) {
    if (codec.decode(record) instanceof EmailEvent email) {
      logging.log(email);
    }
  }
}
