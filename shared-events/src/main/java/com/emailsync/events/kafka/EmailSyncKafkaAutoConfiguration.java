package com.emailsync.events.kafka;

import com.emailsync.events.Topics;
import com.emailsync.events.UndecodableEventException;
import com.emailsync.events.secrets.SecretBox;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;

/**
 * The Kafka wiring every service shares: topics (with their dead-letter twins) created at start-up, and the retry
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
  KafkaAdmin.NewTopics emailSyncTopics(EmailSyncKafkaProperties properties) {
    List<NewTopic> topics = new ArrayList<>();
    for (String topic : Topics.ALL) {
      var builder = TopicBuilder.name(topic).partitions(properties.partitions()).replicas(properties.replicationFactor());
      if (Topics.COMPACTED.contains(topic)) {
        builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
      }
      topics.add(builder.build());
      topics.add(
          TopicBuilder.name(Topics.deadLetter(topic))
              .partitions(properties.partitions())
              .replicas(properties.replicationFactor())
              .build());
    }
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
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
