package com.emailsync.connection.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.testsupport.TestKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailboxConnectionsTest {

  private static final ConnectionChanged.Imap IMAP =
      new ConnectionChanged.Imap("imap.acme.example", 993, ImapSecurity.SSL, "sam@acme.example");

  private final InMemoryRepository repository = new InMemoryRepository();
  private final List<ConnectionChanged> published = new ArrayList<>();
  private boolean brokerDown;
  private List<ConnectionFolder> serverFolders =
      List.of(
          new ConnectionFolder("INBOX", null, false),
          new ConnectionFolder("Sent Items", "\\Sent", false),
          new ConnectionFolder("Customers", null, false));

  private final MailboxConnections connections =
      new MailboxConnections(
          repository,
          (imap, password) -> {
            if (!password.equals("right")) {
              throw new MailboxUnreachable(MailboxUnreachable.Reason.AUTHENTICATION_FAILED, "rejected");
            }
            return serverFolders;
          },
          new ConnectionPublisher() {
            @Override
            public void published(ConnectionChanged event) throws PublishFailed {
              if (brokerDown) {
                throw new PublishFailed("down", new RuntimeException());
              }
              published.add(event);
            }

            @Override
            public void deleted(String connectionId) {}
          },
          SecretBox.fromBase64Key(TestKeys.AT_REST),
          SecretBox.fromBase64Key(TestKeys.TRANSPORT),
          Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC),
          () -> "conn-1");

  @Test
  void selectsInboxAndTheSentFolderByDefaultWhateverTheSentFolderIsCalled() throws Exception {
    Connection connection = connections.connect(newConnection("right"));

    assertThat(connection.selectedFolderNames()).containsExactly("INBOX", "Sent Items");
    assertThat(published).singleElement().satisfies(e -> assertThat(e.folders()).containsExactly("INBOX", "Sent Items"));
  }

  @Test
  void startsSyncingFromTheMomentOfConnecting() throws Exception {
    Connection connection = connections.connect(newConnection("right"));

    assertThat(connection.syncFrom()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
  }

  @Test
  void storesNothingWhenTheLoginFails() {
    assertThatThrownBy(() -> connections.connect(newConnection("wrong"))).isInstanceOf(MailboxUnreachable.class);

    assertThat(repository.byId).isEmpty();
    assertThat(published).isEmpty();
  }

  @Test
  void undoesTheConnectionWhenTheBrokerCannotBeTold() {
    brokerDown = true;

    assertThatThrownBy(() -> connections.connect(newConnection("right"))).isInstanceOf(ConnectionPublisher.PublishFailed.class);

    assertThat(repository.byId).isEmpty();
  }

  @Test
  void offersFoldersCreatedOnTheServerAfterConnecting() throws Exception {
    connections.connect(newConnection("right"));
    serverFolders = new ArrayList<>(serverFolders);
    serverFolders.add(new ConnectionFolder("Leads", null, false));

    Connection updated = connections.chooseFolders("acme", "conn-1", List.of("Leads", "INBOX"));

    assertThat(updated.selectedFolderNames()).containsExactly("INBOX", "Leads");
  }

  @Test
  void mapsEachSyncOutcomeToAConnectionStatus() {
    assertThat(ConnectionStatus.after(SyncStatusReported.Status.OK)).isEqualTo(ConnectionStatus.SYNCING);
    assertThat(ConnectionStatus.after(SyncStatusReported.Status.AUTHENTICATION_FAILED))
        .isEqualTo(ConnectionStatus.AUTHENTICATION_FAILED);
  }

  private static NewConnection newConnection(String password) {
    return new NewConnection("acme", "user-42", "sam@acme.example", IMAP, password);
  }

  private static final class InMemoryRepository implements ConnectionRepository {
    final Map<String, Connection> byId = new HashMap<>();

    @Override
    public void insert(Connection connection) {
      byId.put(connection.id(), connection);
    }

    @Override
    public void update(Connection connection) {
      byId.put(connection.id(), connection);
    }

    @Override
    public Optional<Connection> find(String tenantId, String connectionId) {
      return Optional.ofNullable(byId.get(connectionId)).filter(c -> c.tenantId().equals(tenantId));
    }

    @Override
    public List<Connection> findAll(String tenantId) {
      return byId.values().stream().filter(c -> c.tenantId().equals(tenantId)).toList();
    }

    @Override
    public boolean delete(String tenantId, String connectionId) {
      return byId.remove(connectionId) != null;
    }

    @Override
    public void recordSync(SyncStatusReported report, ConnectionStatus status) {}
  }
}
