package com.emailsync.events.kafka;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;

/**
 * The container of a read-process-write batch listener (contact-history's mail ingest, the trigger's activity):
 * batches, and a rollback policy that never gives a batch up. Such a listener dead-letters bad records itself, so what
 * still rolls a batch back is an outage (the store or the broker away); dead-lettering then would empty a whole outage
 * window into the dead-letter topic. Instead the batch is tried again after pauses that double up to {@code
 * emailsync.kafka.outage-max-retry}, as long as the outage lasts.
 */
public final class BatchListenerContainers {

  private BatchListenerContainers() {}

  public static ConcurrentKafkaListenerContainerFactory<Object, Object> retriedThroughOutages(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory, EmailSyncKafkaProperties kafka) {
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
}
