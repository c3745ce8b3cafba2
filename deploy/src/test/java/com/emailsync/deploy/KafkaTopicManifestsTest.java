package com.emailsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.emailsync.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Strimzi {@code KafkaTopic}s against the event contract ({@link Topics}): one for each topic Email Sync writes and
 * for the dead-letter twin of each topic it reads, none for the CRM's own topics, on the cluster the services use.
 */
class KafkaTopicManifestsTest {

  private static final Duration EVENT_RETENTION = Duration.ofDays(7);
  private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyTopicOfTheContractHasAKafkaTopicAndEachOneDeadLetteredATwin(String overlay) {
    Map<String, KafkaTopic> topics = RenderedOverlay.of(overlay).kafkaTopics();
    Set<String> expected = new HashSet<>();
    assertSoftly(softly -> {
      for (String topic : Topics.ALL) {
        if (topic.startsWith("crm.")) {
          softly.assertThat(topics).as("the CRM creates %s", topic).doesNotContainKey(topic);
        } else {
          expected.add(topic);
          softly.assertThat(topics).as("KafkaTopics").containsKey(topic);
        }
        // Our listeners dead-letter what they cannot process, the CRM's topics' records too: each topic someone
        // dead-letters into has its twin, and no other.
        String deadLetter = Topics.deadLetter(topic);
        if (Topics.DEAD_LETTERS.contains(deadLetter)) {
          expected.add(deadLetter);
          softly.assertThat(topics).as("KafkaTopics").containsKey(deadLetter);
        }
        if (topics.containsKey(topic)) {
          Map<String, Object> config = topics.get(topic).getSpec().getConfig();
          if (Topics.COMPACTED.contains(topic)) {
            softly.assertThat(config).as("%s's config", topic).containsEntry("cleanup.policy", "compact");
          } else {
            softly.assertThat(config).as("%s's config", topic).containsEntry("cleanup.policy", "delete");
            softly.assertThat(millis(config.get("retention.ms"))).as("%s's retention.ms", topic)
                .isEqualTo(EVENT_RETENTION.toMillis());
          }
        }
        if (topics.containsKey(deadLetter)) {
          Map<String, Object> config = topics.get(deadLetter).getSpec().getConfig();
          softly.assertThat(config).as("%s's config", deadLetter).containsEntry("cleanup.policy", "delete");
          softly.assertThat(millis(config.get("retention.ms"))).as("%s's retention.ms", deadLetter)
              .isEqualTo(DEAD_LETTER_RETENTION.toMillis());
        }
        if (topics.containsKey(topic) && topics.containsKey(deadLetter)) {
          softly.assertThat(topics.get(deadLetter).getSpec().getPartitions())
              .as("%s's partitions: the dead-letter publisher keeps the record's partition", deadLetter)
              .isGreaterThanOrEqualTo(topics.get(topic).getSpec().getPartitions());
        }
      }
      softly.assertThat(topics.keySet()).as("KafkaTopics of topics the contract does not name").isSubsetOf(expected);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyKafkaTopicBelongsToTheClusterTheServicesConnectTo(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.of(overlay);
    String bootstrap = rendered.all(ConfigMap.class).stream()
        .map(configMap -> configMap.getData().get("KAFKA_BOOTSTRAP_SERVERS"))
        .filter(Objects::nonNull)
        .findFirst().orElseThrow();

    assertThat(rendered.all(KafkaTopic.class)).isNotEmpty().allSatisfy(topic -> {
      String cluster = topic.getMetadata().getLabels().get("strimzi.io/cluster");
      // Strimzi names a cluster's bootstrap Service <cluster>-kafka-bootstrap.
      assertThat(bootstrap).as("%s's cluster %s", topic.getMetadata().getName(), cluster)
          .startsWith(cluster + "-kafka-bootstrap.");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void syncWorkersScaleOnTheMailboxesEachHoldsUpToThePartitionsOfTheConnectionsTopic(String overlay) {
    RenderedOverlay rendered = RenderedOverlay.of(overlay);
    HorizontalPodAutoscaler autoscaler = rendered.autoscalerOf("sync-worker");
    MetricSpec perWorker = autoscaler.getSpec().getMetrics().stream()
        .filter(metric -> metric.getType().equals("Pods"))
        .findFirst().orElseThrow(() -> new AssertionError("sync-worker's HPA has no pods metric"));

    // The worker's gauge emailsync.sync.connections (SyncWorkerConfiguration), as Prometheus names it.
    assertThat(perWorker.getPods().getMetric().getName()).isEqualTo("emailsync_sync_connections");
    assertThat(perWorker.getPods().getTarget().getType()).isEqualTo("AverageValue");
    int partitions = rendered.kafkaTopics().get(Topics.CONNECTIONS).getSpec().getPartitions();
    assertThat(autoscaler.getSpec().getMaxReplicas()).as("sync workers at most").isLessThanOrEqualTo(partitions);
    if (overlay.equals("prod")) {
      assertThat(autoscaler.getSpec().getMaxReplicas()).as("sync workers at most").isEqualTo(partitions);
    }
  }

  @Test
  void prodReplicatesEveryTopicThreeTimesAndAcknowledgesWritesOnTwo() {
    assertThat(RenderedOverlay.of("prod").all(KafkaTopic.class)).isNotEmpty().allSatisfy(topic -> {
      assertThat(topic.getSpec().getReplicas()).as("%s's replicas", topic.getMetadata().getName()).isEqualTo(3);
      assertThat(String.valueOf(topic.getSpec().getConfig().get("min.insync.replicas")))
          .as("%s's min.insync.replicas", topic.getMetadata().getName()).isEqualTo("2");
    });
  }

  @Test
  void devFitsEveryTopicOnOneBroker() {
    assertThat(RenderedOverlay.of("dev").all(KafkaTopic.class)).isNotEmpty().allSatisfy(topic -> {
      assertThat(topic.getSpec().getReplicas()).as("%s's replicas", topic.getMetadata().getName()).isEqualTo(1);
      assertThat(String.valueOf(topic.getSpec().getConfig().get("min.insync.replicas")))
          .as("%s's min.insync.replicas", topic.getMetadata().getName()).isEqualTo("1");
    });
  }

  private static Long millis(Object configValue) {
    return configValue == null ? null : Long.valueOf(String.valueOf(configValue));
  }
}
