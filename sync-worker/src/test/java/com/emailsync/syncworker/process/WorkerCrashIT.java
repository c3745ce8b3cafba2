package com.emailsync.syncworker.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EmailReceived;
import com.emailsync.events.EventCodec;
import com.emailsync.events.ImapSecurity;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.Topics;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.testsupport.DovecotServer;
import com.emailsync.testsupport.TestKeys;
import com.emailsync.testsupport.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Sync workers as separate processes, killed with {@code kill -9}, on a real Dovecot and a real Kafka broker: nothing
 * lost, nothing published twice, and a dead worker's mailboxes sync on the survivor.
 */
class WorkerCrashIT {

  private static org.springframework.kafka.test.EmbeddedKafkaBroker kafka;
  private static DovecotServer dovecot;
  private final List<WorkerProcess> workers = new ArrayList<>();

  @BeforeAll
  static void start() {
    // Three partitions per topic, as production's default: two workers share the connections between them.
    kafka = new EmbeddedKafkaKraftBroker(1, 3, Topics.ALL.toArray(String[]::new))
        .brokerProperties(Map.of(
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0"));
    kafka.afterPropertiesSet();
    dovecot = DovecotServer.start("http://127.0.0.1:1/introspect");
  }

  @AfterAll
  static void stop() {
    if (dovecot != null) {
      dovecot.close();
    }
    kafka.destroy();
  }

  @org.junit.jupiter.api.AfterEach
  void killWorkers() {
    workers.forEach(WorkerProcess::kill);
  }

  @Test
  void aWorkerKilledMidBackfillAndRestartedPublishesEveryMessageExactlyOnce() {
    String user = user();
    String connectionId = connect(user);
    List<String> mail = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      mail.add(mail("backfill-" + i + "-" + connectionId + "@customer.example", user));
    }
    dovecot.deliver(user, mail);

    try (var topic = new TopicReader(kafka.getBrokersAsString(), Topics.MESSAGES, Topics.SYNC_STATUS)) {
      WorkerProcess first = worker("crash-first", 2);
      var before = topic.awaitEvents(EmailReceived.class, list -> ofConnection(list, connectionId).size() >= 40, Duration.ofSeconds(90));
      first.kill();
      topic.poll();
      assertThat(distinctMessages(ofConnection(topic.events(EmailReceived.class), connectionId))).as("killed mid-backfill, not after it")
          .isGreaterThanOrEqualTo(before.size() > 0 ? 40 : 0).isLessThan(600);

      worker("crash-second", 2);
      topic.awaitEvents(EmailReceived.class, list -> distinctMessages(ofConnection(list, connectionId)) == 600, Duration.ofSeconds(120));
      // A pass after the backfill that found nothing new: anything published twice would be in by now.
      Instant done = Instant.now();
      topic.awaitEvents(SyncStatusReported.class, list -> list.stream().anyMatch(s -> s.connectionId().equals(connectionId)
          && s.occurredAt().isAfter(done) && s.messagesPublished() == 0), Duration.ofSeconds(60));

      Map<String, Long> copies = ofConnection(topic.events(EmailReceived.class), connectionId).stream()
          .collect(Collectors.groupingBy(e -> e.message().messageId(), Collectors.counting()));
      assertThat(copies).hasSize(600);
      assertThat(copies.values()).as("each message exactly once, across the kill").allMatch(n -> n == 1);
    }
  }

  @Test
  void theMailboxesOfAKilledWorkerSyncOnTheOtherWorkerAndNothingIsLostOrDoubled() {
    List<String> users = new ArrayList<>();
    List<String> connections = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String user = user();
      users.add(user);
      connections.add(connect(user));
    }
    WorkerProcess doomed = worker("failover-a", 20);
    worker("failover-b", 20);
    awaitTwoMembersSharingThePartitions();

    try (var topic = new TopicReader(kafka.getBrokersAsString(), Topics.MESSAGES, Topics.SYNC_STATUS)) {
      topic.awaitEvents(SyncStatusReported.class, list -> connections.stream().allMatch(c -> list.stream().anyMatch(s -> s.connectionId().equals(c))),
          Duration.ofSeconds(60));

      doomed.kill();
      Instant killedAt = Instant.now();
      for (int i = 0; i < users.size(); i++) {
        dovecot.deliver(users.get(i), List.of(mail("after-kill-" + connections.get(i) + "@customer.example", users.get(i))));
      }

      var received = topic.awaitEvents(EmailReceived.class, list -> connections.stream().allMatch(c -> !ofConnection(list, c).isEmpty()),
          Duration.ofSeconds(90));
      System.out.printf("All mailboxes of the killed worker synced again %d ms after kill -9%n", Duration.between(killedAt, Instant.now()).toMillis());
      assertThat(received.stream().filter(e -> connections.contains(e.connectionId())).map(e -> e.message().messageId()))
          .as("one event per mail, none twice").doesNotHaveDuplicates().hasSize(connections.size());
    }
  }

  private void awaitTwoMembersSharingThePartitions() {
    try (var admin = Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        var group = admin.describeConsumerGroups(List.of("sync-worker")).all().get().get("sync-worker");
        return group.members().size() == 2 && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
      });
    }
  }

  private WorkerProcess worker(String name, int batchSize) {
    WorkerProcess worker = WorkerProcess.start(name, kafka.getBrokersAsString(), batchSize);
    workers.add(worker);
    return worker;
  }

  private static String user() {
    String user = "crash-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
    dovecot.addUser(user, "app-password");
    return user;
  }

  /** As connection-service publishes it: INBOX selected, its sync starting at its UIDNEXT now. */
  private static String connect(String user) {
    String connectionId = "conn-" + UUID.randomUUID();
    long uidValidity;
    long uidNext;
    try (var store = dovecot.login(user, "app-password")) {
      var inbox = (org.eclipse.angus.mail.imap.IMAPFolder) store.getFolder("INBOX");
      uidValidity = inbox.getUIDValidity();
      uidNext = inbox.getUIDNext();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
    var event = new ConnectionChanged(
        UUID.randomUUID(), Instant.now(), connectionId, "acme", "user-42", user,
        new ConnectionChanged.Imap(dovecot.host(), dovecot.port(), ImapSecurity.NONE, user),
        SecretBox.fromBase64Key(TestKeys.TRANSPORT).seal("app-password", new com.emailsync.events.secrets.CredentialBinding("acme", connectionId, dovecot.host(), user)),
        List.of("INBOX"), Instant.now(), 0, true, List.of(new ConnectionChanged.FolderStart("INBOX", uidValidity, uidNext)), List.of(), null);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.getBrokersAsString()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new EventCodec("/emailsync/test").encode(Topics.CONNECTIONS, event));
    }
    return connectionId;
  }

  private static String mail(String messageId, String to) {
    return """
        Message-ID: <%s>
        Date: Wed, 25 Nov 2026 09:00:00 +0000
        From: Carla <carla@customer.example>
        To: %s
        Subject: %s

        Hello.
        """.formatted(messageId, to, messageId).replace("\n", "\r\n");
  }

  private static List<EmailReceived> ofConnection(List<EmailReceived> events, String connectionId) {
    return events.stream().filter(e -> e.connectionId().equals(connectionId)).toList();
  }

  private static long distinctMessages(List<EmailReceived> events) {
    return events.stream().map(e -> e.message().messageId()).distinct().count();
  }
}
