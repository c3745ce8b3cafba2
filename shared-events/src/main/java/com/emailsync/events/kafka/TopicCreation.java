package com.emailsync.events.kafka;

import com.emailsync.events.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Which topics a service creates when it starts. Where a platform creates them ({@code NONE}: Strimzi in Kubernetes),
 * nothing; on a bare broker ({@code OWNED}, the default), only the topics {@link Topics#CATALOG} says it owns and the
 * dead-letter twins of what it reads, never the CRM's; where one process plays the platform ({@code ALL}: tests),
 * everything the system uses.
 */
public enum TopicCreation {
  OWNED,
  ALL,
  NONE;

  /** The topics to create for {@code service}, named by its {@code spring.application.name}. */
  public List<NewTopic> topicsFor(String service, int partitions, short replicationFactor) {
    Map<String, NewTopic> topics = new LinkedHashMap<>();
    for (Topics.Topic topic : Topics.CATALOG) {
      if (this == ALL || (this == OWNED && topic.owner().equals(service))) {
        var builder = TopicBuilder.name(topic.name()).partitions(partitions).replicas(replicationFactor);
        if (topic.compacted()) {
          builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        topics.put(topic.name(), builder.build());
      }
      if (!topic.deadLetteredBy().isEmpty() && (this == ALL || (this == OWNED && topic.deadLetteredBy().contains(service)))) {
        String deadLetter = Topics.deadLetter(topic.name());
        topics.put(
            deadLetter,
            TopicBuilder.name(deadLetter)
                .partitions(partitions)
                .replicas(replicationFactor)
                .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Topics.DEAD_LETTER_RETENTION.toMillis()))
                .build());
      }
    }
    return List.copyOf(topics.values());
  }
}
