package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.AttachmentInfo;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.MessageSetAside;
import com.emailsync.syncworker.sync.FolderCursor;
import com.emailsync.syncworker.sync.SeenUids;
import com.emailsync.syncworker.sync.SyncHold;
import com.emailsync.syncworker.sync.OwnershipLost;
import com.emailsync.syncworker.sync.SyncOutput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.EmailReceived;
import com.emailsync.events.EventCodec;
import com.emailsync.events.EventMother;
import com.emailsync.events.FolderCursorAdvanced;
import com.emailsync.events.MailMessage;
import com.emailsync.events.MailboxLocation;
import com.emailsync.events.Topics;
import com.emailsync.testsupport.TopicReader;
import com.emailsync.events.SyncStatusReported;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * What the sync worker relies on Kafka for: a batch's mail and its cursor become visible together or not at all, and a
 * new worker reads back the latest cursor of each folder. Run against every broker the project supports.
 */
interface SyncOutputOnKafkaContract {

  int MAX_EVENT_BYTES = 900 * 1024;

  String bootstrapServers();

  @Test
  default void aCommittedBatchIsVisibleWithItsCursorAndANewWorkerReadsTheCursorBack() {
    String connectionId = "conn-" + UUID.randomUUID();
    var output = output("commit");

    SeenUids seen = SeenUids.NONE.plus(List.of(7L, 8L, 11L, 12L));
    output.commit(List.of(mail(connectionId, 11, "m-11"), mail(connectionId, 12, "m-12")), List.of(),
        new FolderCursor(connectionId, "INBOX", 1700000000L, 12, 0, "m-12", Instant.parse("2026-11-25T09:00:00Z"), seen));

    try (var messages = new TopicReader(bootstrapServers(), Topics.MESSAGES)) {
      List<EmailReceived> published = messages.awaitEvents(EmailReceived.class, list -> list.stream().filter(e -> e.connectionId().equals(connectionId)).count() >= 2, Duration.ofSeconds(30));
      assertThat(published).filteredOn(e -> e.connectionId().equals(connectionId)).extracting(e -> e.message().messageId()).containsExactly("m-11", "m-12");
    }
    var restartedWorker = cursors();
    restartedWorker.reload();
    assertThat(restartedWorker.find(connectionId, "INBOX")).hasValueSatisfying(c -> {
      assertThat(c.lastUid()).isEqualTo(12);
      assertThat(c.seen()).as("the UIDs read travel with the cursor").isEqualTo(seen);
      assertThat(c.seen().contains(9)).isFalse();
    });
  }

  @Test
  default void aHoldIsFoundByTheNextOwnerUntilAPassTakesItBack() {
    String connectionId = "conn-" + UUID.randomUUID();
    var output = output("hold");
    var hold = new SyncHold(connectionId, SyncStatusReported.Status.AUTHENTICATION_FAILED, "tag", Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Duration.ofHours(1));

    output.recordHold(new SyncHold.Change.Hold(hold));
    var nextOwner = cursors();
    nextOwner.reload();
    assertThat(nextOwner.of(connectionId)).hasValueSatisfying(found -> {
      assertThat(found.credentialTag()).isEqualTo("tag");
      assertThat(found.reason()).isEqualTo(SyncStatusReported.Status.AUTHENTICATION_FAILED);
      assertThat(found.until()).isCloseTo(hold.until(), org.assertj.core.api.Assertions.within(2, java.time.temporal.ChronoUnit.SECONDS));
    });

    output.recordHold(new SyncHold.Change.Release(connectionId));
    var later = cursors();
    later.reload();
    assertThat(later.of(connectionId)).isEmpty();
  }

  @Test
  default void theLatestCursorOfAFolderWinsWhenANewWorkerReadsThemBack() {
    String connectionId = "conn-" + UUID.randomUUID();
    var output = output("latest");

    output.commit(List.of(mail(connectionId, 5, "m-5")), List.of(), cursor(connectionId, 5));
    output.commit(List.of(mail(connectionId, 9, "m-9")), List.of(), cursor(connectionId, 9));

    var restartedWorker = cursors();
    restartedWorker.reload();
    assertThat(restartedWorker.find(connectionId, "INBOX")).hasValueSatisfying(c -> assertThat(c.lastUid()).isEqualTo(9));
    assertThat(restartedWorker.find(connectionId, "Sent")).isEmpty();
  }

  @Test
  default void aBatchThatCannotBeCommittedLeavesNoMailAndNoCursorBehind() {
    String connectionId = "conn-" + UUID.randomUUID();
    // A producer that may send less than the event limit: the transaction fails after the first mail is sent in it.
    var output = output("abort", 64 * 1024);
    var tooLarge = mail(connectionId, 21, "m-21-large", "x".repeat(200 * 1024));

    assertThatThrownBy(() -> output.commit(List.of(mail(connectionId, 20, "m-20"), tooLarge), List.of(), cursor(connectionId, 21)))
        .hasStackTraceContaining("RecordTooLargeException");
    output.commit(List.of(mail(connectionId, 22, "m-22")), List.of(), cursor(connectionId, 22));

    // Same connection, same key, same partition: anything the failed batch had left visible would come first.
    try (var messages = new TopicReader(bootstrapServers(), Topics.MESSAGES)) {
      List<EmailReceived> published = messages.awaitEvents(EmailReceived.class, list -> list.stream().anyMatch(e -> e.message().messageId().equals("m-22")), Duration.ofSeconds(30));
      assertThat(published).filteredOn(e -> e.connectionId().equals(connectionId)).extracting(e -> e.message().messageId()).containsExactly("m-22");
    }
    List<Long> cursorsSeen = new ArrayList<>();
    try (var cursorTopic = new TopicReader(bootstrapServers(), Topics.SYNC_CURSORS)) {
      cursorTopic.awaitEvents(FolderCursorAdvanced.class, list -> list.stream().anyMatch(c -> c.connectionId().equals(connectionId)), Duration.ofSeconds(30))
          .stream().filter(c -> c.connectionId().equals(connectionId)).forEach(c -> cursorsSeen.add(c.lastUid()));
    }
    assertThat(cursorsSeen).containsExactly(22L);
  }

  @Test
  default void aMailTooLargeForOneEventIsPublishedWithItsBodiesCutInsteadOfBlockingTheFolder() {
    String connectionId = "conn-" + UUID.randomUUID();
    var output = output("oversized");
    // 2 bytes per character in UTF-8: well over the 900 KB limit, and over what the broker takes.
    var huge = mail(connectionId, 30, "m-30-huge", "é".repeat(700_000), "<p>" + "x".repeat(300_000) + "</p>");

    output.commit(List.of(huge), List.of(), cursor(connectionId, 30));

    try (var messages = new TopicReader(bootstrapServers(), Topics.MESSAGES)) {
      List<EmailReceived> published = messages.awaitEvents(EmailReceived.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(connectionId)), Duration.ofSeconds(30));
      assertThat(published).filteredOn(e -> e.connectionId().equals(connectionId)).singleElement().satisfies(e -> {
        assertThat(e.message().bodyTruncated()).isTrue();
        assertThat(e.message().htmlBody()).isNull();
        assertThat(e.message().textBody()).startsWith("éééé").hasSizeLessThan(700_000);
        assertThat(e.message().subject()).isEqualTo(EventMother.mailFromContact().subject());
      });
    }
  }

  @Test
  default void aMailWithThousandsOfNamedPartsIsPublishedWithItsAttachmentListCutToFit() {
    String connectionId = "conn-" + UUID.randomUUID();
    var output = output("parts");
    List<AttachmentInfo> parts = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      parts.add(new AttachmentInfo("scan-of-the-signed-contract-page-" + i + ".pdf", "application/pdf", 1024, false));
    }
    var template = EventMother.mailFromContact();
    var message = new MailMessage("m-parts", template.subject(), template.sentAt(), template.from(), template.to(), template.cc(), List.of(), "See the scans.", null, false, parts);

    var setAside = output.commit(List.of(new EmailReceived(UUID.randomUUID(), Instant.now(), connectionId, "acme", "user-42", new MailboxLocation("INBOX", 1700000000L, 40), message)), List.of(), cursor(connectionId, 40));

    assertThat(setAside).isEmpty();
    try (var messages = new TopicReader(bootstrapServers(), Topics.MESSAGES)) {
      List<EmailReceived> published = messages.awaitEvents(EmailReceived.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(connectionId)), Duration.ofSeconds(30));
      assertThat(published).filteredOn(e -> e.connectionId().equals(connectionId)).singleElement().satisfies(e -> {
        assertThat(e.message().bodyTruncated()).isTrue();
        assertThat(e.message().attachments()).isNotEmpty().hasSizeLessThan(20_000);
        assertThat(e.message().to()).isEqualTo(template.to());
      });
    }
  }

  @Test
  default void aMailThatCannotFitEvenCutIsSetAsideWithItsLocationAndTheCursorMovesPastIt() {
    String connectionId = "conn-" + UUID.randomUUID();
    var output = output("set-aside");
    List<EmailAddress> everyone = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      everyone.add(EmailAddress.of("subscriber-number-" + i + "@newsletter.example"));
    }
    var template = EventMother.mailFromContact();
    var message = new MailMessage("m-everyone", template.subject(), template.sentAt(), template.from(), everyone, List.of(), List.of(), "Hi all.", null, false, List.of());

    var setAside = output.commit(
        List.of(mail(connectionId, 50, "m-50"), new EmailReceived(UUID.randomUUID(), Instant.now(), connectionId, "acme", "user-42", new MailboxLocation("INBOX", 1700000000L, 51), message)),
        List.of(), cursor(connectionId, 51));

    assertThat(setAside).singleElement().satisfies(a -> {
      assertThat(a.location()).isEqualTo(new MailboxLocation("INBOX", 1700000000L, 51));
      assertThat(a.messageId()).isEqualTo("m-everyone");
      assertThat(a.reason()).contains("too large");
    });
    try (var deadLetters = new TopicReader(bootstrapServers(), Topics.MESSAGES_SET_ASIDE)) {
      assertThat(deadLetters.awaitEvents(MessageSetAside.class, list -> list.stream().anyMatch(a -> a.connectionId().equals(connectionId)), Duration.ofSeconds(30)))
          .filteredOn(a -> a.connectionId().equals(connectionId)).singleElement().extracting(MessageSetAside::messageId).isEqualTo("m-everyone");
    }
    try (var messages = new TopicReader(bootstrapServers(), Topics.MESSAGES)) {
      assertThat(messages.awaitEvents(EmailReceived.class, list -> list.stream().anyMatch(e -> e.connectionId().equals(connectionId)), Duration.ofSeconds(30)))
          .filteredOn(e -> e.connectionId().equals(connectionId)).extracting(e -> e.message().messageId()).containsExactly("m-50");
    }
    var restartedWorker = cursors();
    restartedWorker.reload();
    assertThat(restartedWorker.find(connectionId, "INBOX")).hasValueSatisfying(c -> assertThat(c.lastUid()).isEqualTo(51));
  }

  @Test
  default void aWorkerThatLostItsPartitionCanCommitNothingOnceTheNewOwnerTookIt() {
    String connectionId = "conn-" + UUID.randomUUID();
    String deployment = "fencing-" + UUID.randomUUID() + "-";
    var before = ownership(deployment, 1024 * 1024);
    before.assigned(List.of(0));
    SyncOutput paused = before.of(0);

    // The new owner takes partition 0 while the old one is paused (past its session, say) and knows nothing of it.
    var after = ownership(deployment, 1024 * 1024);
    after.assigned(List.of(0));

    assertThatThrownBy(() -> paused.commit(List.of(mail(connectionId, 60, "m-60-stale")), List.of(), cursor(connectionId, 60)))
        .isInstanceOf(OwnershipLost.class);
    after.of(0).commit(List.of(mail(connectionId, 60, "m-60")), List.of(), cursor(connectionId, 60));
    assertThatThrownBy(() -> before.of(1)).as("never owned").isInstanceOf(OwnershipLost.class);

    try (var messages = new TopicReader(bootstrapServers(), Topics.MESSAGES)) {
      assertThat(messages.awaitEvents(EmailReceived.class, list -> list.stream().anyMatch(e -> e.message().messageId().equals("m-60")), Duration.ofSeconds(30)))
          .filteredOn(e -> e.connectionId().equals(connectionId)).extracting(e -> e.message().messageId()).containsExactly("m-60");
    }
    after.revokeAll();
    before.revokeAll();
  }

  @Test
  default void aRevokedPartitionsOutputCommitsNothingMore() {
    var ownership = ownership("revoke-" + UUID.randomUUID() + "-", 1024 * 1024);
    ownership.assigned(List.of(2));
    SyncOutput output = ownership.of(2);

    ownership.revoked(List.of(2));

    assertThatThrownBy(() -> output.report(new com.emailsync.events.SyncStatusReported(UUID.randomUUID(), Instant.now(), "conn-x", "acme",
        com.emailsync.events.SyncStatusReported.Status.OK, null, 0))).isInstanceOf(OwnershipLost.class);
    assertThatThrownBy(() -> ownership.of(2)).isInstanceOf(OwnershipLost.class);
  }

  private SyncOutput output(String name) {
    return output(name, 1024 * 1024);
  }

  private SyncOutput output(String name, int producerMaxRequestBytes) {
    var ownership = ownership("sync-output-contract-" + name + "-" + UUID.randomUUID() + "-", producerMaxRequestBytes);
    ownership.assigned(List.of(0));
    return ownership.of(0);
  }

  private PartitionOwnership ownership(String transactionalIdPrefix, int producerMaxRequestBytes) {
    createTopics();
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, producerMaxRequestBytes);
    return new PartitionOwnership(config, transactionalIdPrefix, new EventCodec("/emailsync/test"), cursors(), MAX_EVENT_BYTES, java.time.Clock.systemUTC());
  }

  private KafkaSyncCursors cursors() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    return new KafkaSyncCursors(consumers, new EventCodec("/emailsync/test"));
  }

  private void createTopics() {
    try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      for (String topic : List.of(Topics.MESSAGES, Topics.MESSAGES_SET_ASIDE, Topics.SYNC_CURSORS, Topics.SYNC_STATUS)) {
        var newTopic = new NewTopic(topic, 3, (short) 1);
        if (topic.equals(Topics.SYNC_CURSORS)) {
          newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        try {
          admin.createTopics(List.of(newTopic)).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(e);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static EmailEvent mail(String connectionId, long uid, String messageId) {
    return mail(connectionId, uid, messageId, "Hello.");
  }

  private static EmailEvent mail(String connectionId, long uid, String messageId, String text) {
    return mail(connectionId, uid, messageId, text, null);
  }

  private static EmailEvent mail(String connectionId, long uid, String messageId, String text, String html) {
    var template = EventMother.mailFromContact();
    var message = new MailMessage(messageId, template.subject(), template.sentAt(), template.from(), template.to(), template.cc(), template.bcc(), text, html, false, List.of());
    return new EmailReceived(UUID.randomUUID(), Instant.now(), connectionId, "acme", "user-42", new MailboxLocation("INBOX", 1700000000L, uid), message);
  }

  private static FolderCursor cursor(String connectionId, long lastUid) {
    return new FolderCursor(connectionId, "INBOX", 1700000000L, lastUid, 0, "m-" + lastUid, Instant.parse("2026-11-25T09:00:00Z"), SeenUids.NONE);
  }
}
