package com.emailsync.automation.trigger.messaging;

import com.emailsync.automation.trigger.TriggerFiring;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EntriesErased;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Read-process-write in one Kafka transaction: ledger write, trigger event and consumed offset commit together. */
public class ActivityListener {

  private final TriggerFiring firing;
  private final EventCodec codec;

  public ActivityListener(TriggerFiring firing, EventCodec codec) {
    this.firing = firing;
    this.codec = codec;
  }

  @KafkaListener(topics = Topics.CONTACT_ACTIVITY, groupId = "automation-trigger-service")
  void on(ConsumerRecord<String, byte[]> record) {
    switch (codec.decode(record)) {
      case ContactEmailLogged logged -> firing.on(logged);
      case EntriesErased erased -> firing.entriesErased(erased);
      case null, default -> {}
    }
  }
}
