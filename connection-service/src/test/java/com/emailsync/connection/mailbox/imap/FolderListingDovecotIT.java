package com.emailsync.connection.mailbox.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.connection.mailbox.ConnectionFolder;
import com.emailsync.connection.mailbox.FolderSync;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapSecurity;
import com.emailsync.imap.HostGuard;
import com.emailsync.imap.ImapSessions;
import com.emailsync.testsupport.DovecotServer;
import com.emailsync.testsupport.GmailImapProxy;
import jakarta.mail.Folder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The folder list a user picks from, as a real Dovecot (and Gmail's extension in front of it) lists it. */
class FolderListingDovecotIT {

  private static final String USER = "sam@acme.example";
  private static final String PASSWORD = "app-password";

  private static DovecotServer dovecot;
  private final ImapMailboxProbe probe =
      new ImapMailboxProbe(new ImapSessions(Duration.ofSeconds(5), Duration.ofSeconds(10), HostGuard.allowing(List.of("127.0.0.1"))));

  @BeforeAll
  static void startDovecot() throws Exception {
    dovecot = DovecotServer.start("http://127.0.0.1:1/introspect");
    dovecot.addUser(USER, PASSWORD);
    try (var store = dovecot.login(USER, PASSWORD)) {
      for (String name : List.of("Junk", "Trash", "Customers", "[Gmail]/All Mail", "[Gmail]/Starred")) {
        store.getFolder(name).create(Folder.HOLDS_MESSAGES);
      }
    }
  }

  @AfterAll
  static void stopDovecot() {
    if (dovecot != null) {
      dovecot.close();
    }
  }

  @Test
  void saysWhichFoldersSyncInRealTimeAndWhichAreNotWorthSyncingOnAServerThatNotifies() throws Exception {
    Map<String, ConnectionFolder> folders = byName(probe.listFolders(endpoint(dovecot.host(), dovecot.port()), PASSWORD, f -> false));

    assertThat(folders.get("INBOX").sync()).isEqualTo(FolderSync.REAL_TIME);
    assertThat(folders.get("Sent").specialUse()).isEqualTo("\\Sent");
    assertThat(folders.get("Sent").sync()).as("Dovecot offers NOTIFY").isEqualTo(FolderSync.REAL_TIME);
    assertThat(folders.get("Customers").sync()).isEqualTo(FolderSync.REAL_TIME);
    assertThat(folders.get("Junk").specialUse()).isEqualTo("\\Junk");
    assertThat(folders.get("Junk").sync()).isEqualTo(FolderSync.NOT_RECOMMENDED);
    assertThat(folders.get("Trash").sync()).isEqualTo(FolderSync.NOT_RECOMMENDED);
    assertThat(folders.values()).extracting(ConnectionFolder::label).as("no labels but on Gmail").containsOnlyNulls();
  }

  @Test
  void showsGmailsFoldersAsTheLabelsItsUsersKnowAndChecksThoseIdleDoesNotWatch() throws Exception {
    try (var gmail = GmailImapProxy.inFrontOf(dovecot)) {
      Map<String, ConnectionFolder> folders = byName(probe.listFolders(endpoint(gmail.host(), gmail.port()), PASSWORD, f -> false));

      assertThat(folders.get("[Gmail]/Starred").label()).isEqualTo("Starred");
      assertThat(folders.get("[Gmail]/All Mail").label()).isEqualTo("All Mail");
      assertThat(folders.get("Customers").label()).as("a user label is its own name").isNull();
      assertThat(folders.get("INBOX").sync()).isEqualTo(FolderSync.REAL_TIME);
      assertThat(folders.get("Customers").sync()).as("Gmail has no NOTIFY").isEqualTo(FolderSync.CHECKED);
    }
  }

  private static ConnectionChanged.Imap endpoint(String host, int port) {
    return new ConnectionChanged.Imap(host, port, ImapSecurity.NONE, USER);
  }

  private static Map<String, ConnectionFolder> byName(List<ConnectionFolder> folders) {
    return folders.stream().collect(Collectors.toMap(ConnectionFolder::name, Function.identity()));
  }
}
