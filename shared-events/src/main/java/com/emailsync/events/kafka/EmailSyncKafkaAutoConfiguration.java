package com.emailsync.events.kafka;

import com.emailsync.events.UndecodableEventException;
import com.emailsync.events.secrets.SecretBox;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;

/**
 * The Kafka wiring every service shares: the topics it owns created at start-up (see {@link TopicCreation}), and the retry
 * policy of {@link TransientFailures}: a record whose processing fails because MongoDB or Kafka is away is retried
 * until they are back; any other failing record is retried a few times, then goes to {@code <topic>-dlt} with the
 * reason in its headers, so nothing is lost or blocks a partition.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaOperations.class)
@EnableConfigurationProperties(EmailSyncKafkaProperties.class)
public class EmailSyncKafkaAutoConfiguration {

  static {
    NativeLz4.load(EmailSyncKafkaAutoConfiguration.class.getClassLoader());
  }

  @Bean
  KafkaAdmin.NewTopics emailSyncTopics(EmailSyncKafkaProperties properties, Environment environment) {
    String service = environment.getProperty("spring.application.name", "");
    return new KafkaAdmin.NewTopics(
        properties.createTopics().topicsFor(service, properties.partitions(), properties.replicationFactor()).toArray(NewTopic[]::new));
  }

  @Bean
  DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaOperations<?, ?> kafkaOperations) {
    return new DeadLetterPublishingRecoverer(kafkaOperations);
  }

  /** For listeners without a Kafka transaction. */
  @Bean
  DefaultErrorHandler deadLetteringErrorHandler(
      DeadLetterPublishingRecoverer recoverer, EmailSyncKafkaProperties properties) {
    var handler = new DefaultErrorHandler(recoverer, TransientFailures.fewRetries(properties));
    handler.addNotRetryableExceptions(notRetryable());
    handler.setBackOffFunction((record, failure) -> backOffFor(failure, properties));
    return handler;
  }

  /** For transactional (read-process-write) listeners: the dead-letter send commits with the consumed offset. */
  @Bean
  DefaultAfterRollbackProcessor<Object, Object> deadLetteringAfterRollbackProcessor(
      DeadLetterPublishingRecoverer recoverer,
      KafkaOperations<?, ?> kafkaOperations,
      EmailSyncKafkaProperties properties) {
    @SuppressWarnings("unchecked")
    var operations = (KafkaOperations<Object, Object>) kafkaOperations;
    var processor = new DefaultAfterRollbackProcessor<>(recoverer, TransientFailures.fewRetries(properties), operations, true);
    processor.addNotRetryableExceptions(notRetryable());
    processor.setBackOffFunction((record, failure) -> backOffFor(failure, properties));
    return processor;
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Exception>[] notRetryable() {
    return new Class[] {UndecodableEventException.class, SecretBox.SecretUnreadableException.class};
  }

  /** An outage is waited out, however long; a record's own failure is retried a few times, then dead-lettered. */
  private static BackOff backOffFor(Exception failure, EmailSyncKafkaProperties properties) {
    return TransientFailures.isTransient(failure) ? TransientFailures.untilItsBack(properties) : TransientFailures.fewRetries(properties);
  }
}
