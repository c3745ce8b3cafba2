package com.emailsync.contacthistory.history.messaging;

import com.emailsync.contacthistory.config.ContactHistoryProperties;
import com.emailsync.contacthistory.history.EmailLogging;
import com.emailsync.events.EventCodec;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The mail ingest's own listener container: batches, and a rollback policy that never gives a batch up. Bad records are
 * dead-lettered by the listener itself, so what still rolls a batch back is the store or the broker being away; dead-
 * lettering then would empty a whole outage window into the dead-letter topic. Instead the batch is tried again after
 * pauses that double up to {@code emailsync.ingest.max-retry-interval}, as long as the outage lasts.
 */
@Configuration(proxyBeanMethods = false)
class EmailIngestConfiguration {

  static final String FACTORY = "emailBatchListenerFactory";

  @Bean(FACTORY)
  ConcurrentKafkaListenerContainerFactory<Object, Object> emailBatchListenerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory,
      ContactHistoryProperties properties) {
    var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
    configurer.configure(factory, consumerFactory);
    factory.setBatchListener(true);
    var backOff = new ExponentialBackOff(properties.ingest().firstRetryInterval().toMillis(), 2.0);
    backOff.setMaxInterval(properties.ingest().maxRetryInterval().toMillis());
    // Without a recoverer a rolled-back batch is sought back and retried, never skipped.
    factory.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(backOff));
    return factory;
  }

  @Bean
  EmailBatchListener emailBatchListener(EmailLogging logging, EventCodec codec, DeadLetterPublishingRecoverer deadLetters) {
    return new EmailBatchListener(logging, codec, deadLetters);
  }
}
