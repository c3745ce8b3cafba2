package com.emailsync.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.Topics;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/** The platform owns topics: a service creates at most its own, never the CRM's, and where told, none. */
class TopicsCreatedAtStartTest {

  private final ApplicationContextRunner service =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(EmailSyncKafkaAutoConfiguration.class))
          .withBean(KafkaOperations.class, () -> new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of())));

  @Test
  void connectionServiceCreatesTheConnectionsTopicAndTheDeadLettersOfWhatItReadsButNotTheCrmsTopics() {
    service.withPropertyValues("spring.application.name=connection-service").run(context -> {
      assertThat(created(context.getBean(KafkaAdmin.NewTopics.class)).keySet())
          .containsExactlyInAnyOrder(Topics.CONNECTIONS, Topics.deadLetter(Topics.SYNC_STATUS));
    });
  }

  @Test
  void contactHistoryCreatesWhatItPublishesAndTheDeadLettersOfTheCrmsContactsButNotTheContactsTopic() {
    service.withPropertyValues("spring.application.name=contact-history-service").run(context -> {
      var created = created(context.getBean(KafkaAdmin.NewTopics.class));
      assertThat(created.keySet())
          .contains(Topics.CONTACT_ACTIVITY, Topics.MAIL_REREADS, Topics.CONTACT_SUGGESTIONS, Topics.deadLetter(Topics.CONTACTS), Topics.MESSAGES_SET_ASIDE)
          .doesNotContain(Topics.CONTACTS, Topics.AUTOMATION_TRIGGERS, Topics.CONNECTIONS, Topics.MESSAGES);
    });
  }

  @Test
  void theSyncWorkerCreatesItsCompactedStateTopicAndTheTopicItSetsMailAsideOn() {
    service.withPropertyValues("spring.application.name=sync-worker", "emailsync.kafka.partitions=12", "emailsync.kafka.replication-factor=3").run(context -> {
      var created = created(context.getBean(KafkaAdmin.NewTopics.class));
      assertThat(created.keySet()).contains(Topics.MESSAGES, Topics.MESSAGES_SET_ASIDE, Topics.SYNC_STATUS, Topics.SYNC_CURSORS);
      assertThat(created.get(Topics.SYNC_CURSORS).configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
      assertThat(created.get(Topics.MESSAGES).numPartitions()).isEqualTo(12);
      assertThat(created.get(Topics.MESSAGES).replicationFactor()).isEqualTo((short) 3);
      // Dead letters wait for an operator's fix and replay: they are kept longer than the events themselves.
      assertThat(created.get(Topics.MESSAGES_SET_ASIDE).configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Topics.DEAD_LETTER_RETENTION.toMillis()));
    });
  }

  @Test
  void whereThePlatformCreatesTopicsAServiceCreatesNone() {
    service.withPropertyValues("spring.application.name=sync-worker", "emailsync.kafka.create-topics=none").run(context ->
        assertThat(created(context.getBean(KafkaAdmin.NewTopics.class))).isEmpty());
  }

  @Test
  void theLocalStackAndTestsCreateEveryTopicTheSystemUses() {
    service.withPropertyValues("spring.application.name=automation-trigger-service", "emailsync.kafka.create-topics=all").run(context ->
        assertThat(created(context.getBean(KafkaAdmin.NewTopics.class)).keySet())
            .containsAll(Topics.ALL)
            .contains(Topics.deadLetter(Topics.CONTACTS), Topics.deadLetter(Topics.CONTACT_ACTIVITY), Topics.MESSAGES_SET_ASIDE));
  }

  private static Map<String, NewTopic> created(KafkaAdmin.NewTopics topics) {
    // KafkaAdmin reads them package-privately; so does this test, to check what the bean hands it.
    Collection<NewTopic> newTopics = ReflectionTestUtils.invokeMethod(topics, "getNewTopics");
    return newTopics.stream().collect(Collectors.toMap(NewTopic::name, topic -> topic));
  }
}
