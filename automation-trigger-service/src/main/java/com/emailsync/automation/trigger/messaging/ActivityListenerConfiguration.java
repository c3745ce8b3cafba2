package com.emailsync.automation.trigger.messaging;

import com.emailsync.events.kafka.BatchListenerContainers;
import com.emailsync.events.kafka.EmailSyncKafkaProperties;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;

/** The activity's own listener container: batches, retried through outages, never dead-lettered whole. */
@Configuration(proxyBeanMethods = false)
public class ActivityListenerConfiguration {

  static final String FACTORY = "activityBatchListenerFactory";

  @Bean(FACTORY)
  ConcurrentKafkaListenerContainerFactory<Object, Object> activityBatchListenerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory, EmailSyncKafkaProperties kafka) {
    return BatchListenerContainers.retriedThroughOutages(configurer, consumerFactory, kafka);
  }
}
