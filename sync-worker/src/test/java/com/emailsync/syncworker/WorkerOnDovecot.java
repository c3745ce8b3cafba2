package com.emailsync.syncworker;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.DomainEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.ImapSecurity;
import com.emailsync.events.Topics;
import com.emailsync.events.secrets.CredentialBinding;
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
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * What the sync worker's tests on a real Dovecot share: a Dovecot for the class, a mailbox and a connection of its own
 * per test, connected as connection-service does it, and the worker's topics read as a downstream consumer would. The
 * worker runs as a Spring Boot test on an embedded broker of its own; each subclass adds the settings it is about with
 * {@code @TestPropertySource}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.config.name=sync-worker",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "emailsync.secrets.transport-key=" + TestKeys.TRANSPORT
    })
@EmbeddedKafka(
    partitions = 1,
    brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
abstract class WorkerOnDovecot {

  static final String PASSWORD = "app-password";

  static DovecotServer dovecot;
  /** The OAuth server Dovecot asks whether an access token is good (RFC 7662 introspection). */
  static com.emailsync.devissuer.LoopbackIssuer oauthServer;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  final String user = "sam-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
  final String connectionId = "conn-" + UUID.randomUUID();
  TopicReader topics;

  @BeforeAll
  static void startDovecot() {
    // Dovecot learns of new mail by inotify; where the kernel's instances per user run out, it looks every second
    // instead of every 30, so a watch is still told within the tests' patience, by the server.
    oauthServer = com.emailsync.devissuer.LoopbackIssuer.start(0);
    dovecot = DovecotServer.start(oauthServer.issuer() + "/introspect", "mailbox_idle_check_interval = 1 secs\n");
  }

  @AfterAll
  static void stopDovecot() {
    if (dovecot != null) {
      dovecot.close();
    }
    if (oauthServer != null) {
      oauthServer.close();
    }
  }

  @BeforeEach
  void addMailbox() {
    dovecot.addUser(user, PASSWORD);
    topics = new TopicReader(brokers, Topics.MESSAGES, Topics.SYNC_STATUS, Topics.SYNC_CURSORS);
  }

  @AfterEach
  void closeTopics() {
    topics.close();
  }

  /** How long an awaited event may take. */
  Duration patience() {
    return Duration.ofSeconds(30);
  }

  /** Only this test's connection: the topics are shared by every test of the class. */
  <E extends DomainEvent> List<E> awaitMine(Class<E> type, Predicate<List<E>> condition) {
    return mine(topics.awaitEvents(type, list -> condition.test(mine(list)), patience()));
  }

  <E extends DomainEvent> List<E> mine(List<E> events) {
    return events.stream().filter(e -> e.aggregateId().startsWith(connectionId)).toList();
  }

  /** As connection-service does: each selected folder's UIDVALIDITY and UIDNEXT now, read by STATUS, is its start. */
  void connect(String password, Instant syncFrom, List<String> folders) {
    connect(password, syncFrom, folders, null);
  }

  /** @param backfill the mail already in the folders to sync as well, as the connection's owner chose it */
  void connect(String password, Instant syncFrom, List<String> folders, ConnectionChanged.Backfill backfill) {
    publish(endpoint(), password, syncFrom, folders, startsNow(folders), backfill);
  }

  /** As connection-service connects a Gmail or Microsoft 365 mailbox: an OAuth access token, sealed, for XOAUTH2. */
  void connectWithAccessToken(String accessToken, List<String> folders) {
    // No folder starts, read by logging in with the password: the worker's logins are then the only ones, and the
    // folders start at the connection's moment.
    publish(new ConnectionChanged.Imap(dovecot.host(), dovecot.port(), ImapSecurity.NONE, user, com.emailsync.events.ImapAuth.XOAUTH2),
        accessToken, Instant.now().minusSeconds(1), folders, List.of(), null);
  }

  private void publish(
      ConnectionChanged.Imap imap, String credential, Instant syncFrom, List<String> folders, List<ConnectionChanged.FolderStart> starts,
      ConnectionChanged.Backfill backfill) {
    var event = new ConnectionChanged(
        UUID.randomUUID(), Instant.now(), connectionId, "acme", "user-42", user,
        imap,
        SecretBox.fromBase64Key(TestKeys.TRANSPORT).seal(credential, new CredentialBinding("acme", connectionId, imap.host(), imap.username())),
        folders, syncFrom, 0, true, starts, List.of(), backfill);
    try (var producer = producer()) {
      producer.send(new EventCodec("/emailsync/test").encode(Topics.CONNECTIONS, event));
    }
  }

  /** Where the worker reaches the mailbox: Dovecot itself, unless a test puts something in front of it. */
  ConnectionChanged.Imap endpoint() {
    return new ConnectionChanged.Imap(dovecot.host(), dovecot.port(), ImapSecurity.NONE, user);
  }

  /** What connection-service publishes when a connection is deleted: a tombstone under its key. */
  void disconnect() {
    try (var producer = producer()) {
      producer.send(new ProducerRecord<>(Topics.CONNECTIONS, connectionId, (byte[]) null));
    }
  }

  /** The folders that exist now; one created later (by its first APPEND) has no start, as if the server was away. */
  private List<ConnectionChanged.FolderStart> startsNow(List<String> folders) {
    List<ConnectionChanged.FolderStart> starts = new ArrayList<>();
    try (var store = dovecot.login(user, PASSWORD)) {
      for (String name : folders) {
        var folder = (org.eclipse.angus.mail.imap.IMAPFolder) store.getFolder(name);
        if (folder.exists()) {
          starts.add(new ConnectionChanged.FolderStart(name, folder.getUIDValidity(), folder.getUIDNext()));
        }
      }
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
    return starts;
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", brokers), new StringSerializer(), new ByteArraySerializer());
  }
}
