package com.emailsync.automation.config;

import com.emailsync.automation.trigger.Automations;
import com.emailsync.automation.trigger.TriggerFiring;
import com.emailsync.automation.trigger.messaging.ActivityListener;
import com.emailsync.automation.trigger.messaging.KafkaTriggerPublisher;
import com.emailsync.automation.trigger.metrics.MicrometerFiringMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import com.emailsync.automation.trigger.mongo.MongoAutomationStore;
import com.emailsync.events.EventCodec;
import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class AutomationTriggerConfiguration {

  @Bean
  EventCodec eventCodec() {
    return new EventCodec("/emailsync/automation-trigger-service");
  }

  @Bean
  MongoAutomationStore automationStore(MongoClient mongo, AutomationTriggerProperties properties) {
    return new MongoAutomationStore(mongo.getDatabase(properties.mongoDatabase()));
  }

  @Bean
  Automations automations(MongoAutomationStore store) {
    return new Automations(store, store, Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  @Bean
  ActivityListener activityListener(MongoAutomationStore store, KafkaTemplate<String, byte[]> kafka, EventCodec codec, MeterRegistry registry) {
    return new ActivityListener(
        new TriggerFiring(store, store, store, new KafkaTriggerPublisher(kafka, codec), new MicrometerFiringMetrics(registry), Clock.systemUTC()), codec);
  }
}
