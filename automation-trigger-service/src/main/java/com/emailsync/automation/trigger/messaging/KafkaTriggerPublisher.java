package com.emailsync.automation.trigger.messaging;

import com.emailsync.automation.trigger.TriggerPublisher;
import com.emailsync.events.AutomationTriggered;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import org.springframework.kafka.core.KafkaTemplate;

public class KafkaTriggerPublisher implements TriggerPublisher {

  private final KafkaTemplate<String, byte[]> kafka;
  private final EventCodec codec;

  public KafkaTriggerPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec) {
    this.kafka = kafka;
    this.codec = codec;
  }

  @Override
  public void publish(AutomationTriggered event) {
    kafka.send(codec.encode(Topics.AUTOMATION_TRIGGERS, event));
  }
}
