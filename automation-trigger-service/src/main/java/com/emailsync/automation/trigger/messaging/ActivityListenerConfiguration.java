package com.emailsync.automation.trigger.messaging;

import com.emailsync.events.kafka.EmailSyncKafkaProperties;
import com.emailsync.events.kafka.TransientFailures;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;

/**
 * The activity's own listener container: batches, and a rollback policy that never gives a batch up. Bad records are
 * dead-lettered by the listener itself, so what still rolls a batch back is an outage; dead-lettering then would empty
 * a whole outage window into the dead-letter topic. The batch is tried again after pauses that double up to
 * {@code emailsync.kafka.outage-max-retry}, as long as the outage lasts.
 */
@Configuration(proxyBeanMethods = false)
public class ActivityListenerConfiguration {

  static final String FACTORY = "activityBatchListenerFactory";

  @Bean(FACTORY)
  ConcurrentKafkaListenerContainerFactory<Object, Object> activityBatchListenerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory, EmailSyncKafkaProperties kafka) {
    var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
    configurer.configure(factory, consumerFactory);
    factory.setBatchListener(true);
    // The shared error handler would retry the batch a few times and then dead-letter all of it; without one, a failed
    // batch rolls back and goes to the rollback processor below.
    factory.setCommonErrorHandler(null);
    // Without a recoverer a rolled-back batch is sought back and retried, never skipped.
    factory.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(TransientFailures.untilItsBack(kafka)));
    return factory;
  }
}
