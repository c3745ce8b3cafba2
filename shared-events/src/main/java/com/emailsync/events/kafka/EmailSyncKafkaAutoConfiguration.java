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
import org.springframework.util.backoff.FixedBackOff;

/**
 * The Kafka wiring every service shares: topics (with their dead-letter twins) created at start-up, and a bounded retry
 * after which a record goes to {@code <topic>-dlt} with the reason in its headers, so nothing is lost or blocks a
 * partition.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaOperations.class)
@EnableConfigurationProperties(EmailSyncKafkaProperties.class)
public class EmailSyncKafkaAutoConfiguration {

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
    var handler = new DefaultErrorHandler(recoverer, backOff(properties));
    handler.addNotRetryableExceptions(notRetryable());
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
    var processor = new DefaultAfterRollbackProcessor<>(recoverer, backOff(properties), operations, true);
    processor.addNotRetryableExceptions(notRetryable());
    return processor;
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Exception>[] notRetryable() {
    return new Class[] {UndecodableEventException.class, SecretBox.SecretUnreadableException.class};
  }

  private static FixedBackOff backOff(EmailSyncKafkaProperties properties) {
    return new FixedBackOff(properties.retryBackoff().toMillis(), properties.retryAttempts());
  }
}
