package com.emailsync.contacthistory.history.messaging;

import com.emailsync.contacthistory.history.EmailLogging;
import com.emailsync.events.EventCodec;
import com.emailsync.events.kafka.BatchListenerContainers;
import com.emailsync.events.kafka.EmailSyncKafkaProperties;
import com.emailsync.events.tracing.EmailSyncTracer;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/** The mail ingest's own listener container: batches, retried through outages, never dead-lettered whole. */
@Configuration(proxyBeanMethods = false)
class EmailIngestConfiguration {

  static final String FACTORY = "emailBatchListenerFactory";

  @Bean(FACTORY)
  ConcurrentKafkaListenerContainerFactory<Object, Object> emailBatchListenerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory,
      EmailSyncKafkaProperties kafka) {
    return BatchListenerContainers.retriedThroughOutages(configurer, consumerFactory, kafka);
  }

  @Bean
  EmailBatchListener emailBatchListener(
      EmailLogging logging, EventCodec codec, DeadLetterPublishingRecoverer deadLetters, ObjectProvider<OpenTelemetry> openTelemetry) {
    return new EmailBatchListener(logging, codec, deadLetters, EmailSyncTracer.of(openTelemetry.getIfAvailable()));
  }
}
