package com.emailsync.contacthistory.history.messaging;

import com.emailsync.contacthistory.history.ActivityPublisher;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.ContactSuggested;
import com.emailsync.events.EntriesErased;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import com.emailsync.events.kafka.TransactionalSend;
import org.springframework.kafka.core.KafkaTemplate;

/** Sends within the listener's Kafka transaction, so the activity commits with the consumed offset. */
public class KafkaActivityPublisher implements ActivityPublisher {

  private final KafkaTemplate<String, byte[]> kafka;
  private final EventCodec codec;

  public KafkaActivityPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec) {
    this.kafka = kafka;
    this.codec = codec;
  }

  @Override
  public void publish(ContactEmailLogged event) {
    kafka.send(codec.encode(Topics.CONTACT_ACTIVITY, event));
  }

  @Override
  public void suggested(ContactSuggested event) {
    kafka.send(codec.encode(Topics.CONTACT_SUGGESTIONS, event));
  }

  /** Within a listener's transaction when there is one (merge, deleted connection), else in one of its own. */
  @Override
  public boolean erased(EntriesErased event) {
    return TransactionalSend.inCurrentOrOwn(kafka, codec.encode(Topics.CONTACT_ACTIVITY, event));
  }
}
