package com.emailsync.contacthistory.history.messaging;

import com.emailsync.contacthistory.history.EmailLogging;
import com.emailsync.events.EventCodec;
import com.emailsync.events.kafka.EmailSyncKafkaProperties;
import com.emailsync.events.kafka.TransientFailures;
import com.emailsync.events.tracing.EmailSyncTracer;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;

/**
 * The mail ingest's own listener container: batches, and a rollback policy that never gives a batch up. Bad records are
 * dead-lettered by the listener itself, so what still rolls a batch back is the store or the broker being away; dead-
 * lettering then would empty a whole outage window into the dead-letter topic. Instead the batch is tried again after
 * pauses that double up to {@code emailsync.kafka.outage-max-retry}, as long as the outage lasts.
 */
@Configuration(proxyBeanMethods = false)
class EmailIngestConfiguration {

  static final String FACTORY = "emailBatchListenerFactory";

  @Bean(FACTORY)
  ConcurrentKafkaListenerContainerFactory<Object, Object> emailBatchListenerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory,
      EmailSyncKafkaProperties kafka) {
    var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
    configurer.configure(factory, consumerFactory);
    factory.setBatchListener(true);
    // The shared error handler would retry the batch a few times inside its transaction and then dead-letter all of
    // it; without one, a failed batch rolls back and goes to the rollback processor below.
    factory.setCommonErrorHandler(null);
    // Without a recoverer a rolled-back batch is sought back and retried, never skipped.
    factory.setAfterRollbackProcessor(new DefaultAfterRollbackProcessor<>(TransientFailures.untilItsBack(kafka)));
    return factory;
  }

  @Bean
  EmailBatchListener emailBatchListener(
      EmailLogging logging, EventCodec codec, DeadLetterPublishingRecoverer deadLetters, ObjectProvider<OpenTelemetry> openTelemetry) {
    return new EmailBatchListener(logging, codec, deadLetters, EmailSyncTracer.of(openTelemetry.getIfAvailable()));
  }
}
