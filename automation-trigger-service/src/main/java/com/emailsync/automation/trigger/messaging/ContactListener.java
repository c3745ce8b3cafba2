package com.emailsync.automation.trigger.messaging;

import com.emailsync.automation.trigger.ContactAttributes;
import com.emailsync.events.ContactChanged;
import com.emailsync.events.ContactKey;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps each contact's CRM fields from the compacted contacts topic, in a group of its own, for segment filters: the
 * topic's last word per contact is its state, and a tombstone deletes it.
 */
public class ContactListener {

  private final ContactAttributes attributes;
  private final EventCodec codec;

  public ContactListener(ContactAttributes attributes, EventCodec codec) {
    this.attributes = attributes;
    this.codec = codec;
  }

  @KafkaListener(topics = Topics.CONTACTS, groupId = "automation-trigger-service.contacts")
  void on(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      ContactKey key = ContactKey.parse(record.key());
      attributes.delete(key.tenantId(), key.contactId());
      return;
    }
    if (codec.decode(record) instanceof ContactChanged contact) {
      attributes.save(contact.tenantId(), contact.contactId(), contact.attributes());
    }
  }
}
