package com.emailsync.localstack.contacts;

import com.emailsync.events.ContactChanged;
import com.emailsync.events.ContactKey;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import java.util.List;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes an import in one Kafka transaction, so readers see all of its contacts or none. */
final class ContactPublisher {

  private final KafkaTemplate<String, byte[]> kafka;
  private final EventCodec codec = new EventCodec("/crm/local-contact-import");

  ContactPublisher(KafkaTemplate<String, byte[]> kafka) {
    this.kafka = kafka;
  }

  void publish(List<ContactChanged> contacts) {
    kafka.executeInTransaction(
        operations -> {
          contacts.forEach(contact -> operations.send(codec.encode(Topics.CONTACTS, contact)));
          return null;
        });
  }

  /** A tombstone under the contact's {@code <tenantId>/<contactId>} key: contacts are numbered per tenant. */
  void delete(ContactKey contact) {
    kafka.executeInTransaction(operations -> operations.send(EventCodec.tombstone(Topics.CONTACTS, contact.value())));
  }
}
