package com.emailsync.contacthistory.contacts.messaging;

import com.emailsync.contacthistory.contacts.Addresses;
import com.emailsync.contacthistory.contacts.Contact;
import com.emailsync.contacthistory.contacts.ContactSync;
import com.emailsync.events.ContactChanged;
import com.emailsync.events.ContactKey;
import com.emailsync.events.ContactMerged;
import com.emailsync.events.DomainEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import com.emailsync.events.UndecodableEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads the CRM's compacted contacts topic into the directory. A tombstone names the contact by its
 * {@code <tenantId>/<contactId>} key; one keyed otherwise cannot say whose contact to delete and is dead-lettered.
 */
public class ContactListener {

  /**
   * Not the skeleton's group: the directory moved to a collection keyed by tenant and contact, and a new group reads
   * the compacted topic from its start to fill it.
   */
  static final String GROUP = "contact-history-service.contact-directory";

  private final ContactSync contacts;
  private final EventCodec codec;

  public ContactListener(ContactSync contacts, EventCodec codec) {
    this.contacts = contacts;
    this.codec = codec;
  }

  @KafkaListener(topics = Topics.CONTACTS, groupId = GROUP)
  void onContact(ConsumerRecord<String, byte[]> record) {
    switch (codec.decode(record)) {
      case null -> contacts.deleted(ContactKey.parse(record.key()));
      case ContactChanged changed -> {
        requireKeyedByContact(record, changed);
        var addresses = changed.emails().stream().map(Addresses::exact).distinct().toList();
        contacts.changed(Contact.asOf(changed.contactKey(), changed.name(), addresses, changed.occurredAt()));
      }
      case ContactMerged merged -> {
        requireKeyedByContact(record, merged);
        contacts.merged(ContactKey.parse(merged.aggregateId()), merged.survivorContactId());
      }
      default -> {}
    }
  }

  /** On a compacted topic a record keyed by a bare contact id would replace another tenant's contact of that id. */
  private static void requireKeyedByContact(ConsumerRecord<String, byte[]> record, DomainEvent event) {
    if (!event.aggregateId().equals(record.key())) {
      throw new UndecodableEventException(
          "contact record keyed '" + record.key() + "' must be keyed '" + event.aggregateId() + "' (<tenantId>/<contactId>)");
    }
  }
}
