package com.emailsync.syncworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.EmailReceived;
import com.emailsync.events.SyncStatusReported;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Real time beyond INBOX on a real Dovecot without NOTIFY (as on Gmail): with the poll ten minutes away, mail filed into another selected folder
 * arrives within seconds by the STATUS checks of the watch's store connection, while INBOX waits in IDLE.
 */
@TestPropertySource(
    properties = {
      "emailsync.sync.imap-notify=false",
      "emailsync.sync.poll-interval=10m",
      "emailsync.sync.folder-check-interval=1s",
      "emailsync.sync.idle-renewal=10m",
      "emailsync.sync.idle-folders=1"
    })
class FolderCheckSyncIT extends WorkerOnDovecot {

  /** Within ten seconds: the poll is ten minutes away, so only the watch can have brought it. */
  @Override
  Duration patience() {
    return Duration.ofSeconds(10);
  }

  @Test
  void mailFiledIntoAnotherSelectedFolderArrivesInSecondsByStatusChecks() {
    dovecot.append(user, "app-password", "Customers", MailFixtures.mail("before@customer.example", "carla@customer.example", user, "Before"));
    connect(PASSWORD, Instant.now(), List.of("INBOX", "Customers"));
    awaitMine(SyncStatusReported.class, list -> !list.isEmpty());

    for (int i = 1; i <= 3; i++) {
      String filed = "filed-" + i + "@customer.example";
      dovecot.append(user, "app-password", "Customers", MailFixtures.mail(filed, "carla@customer.example", user, "Filed " + i));
      awaitMine(EmailReceived.class, list -> list.stream().anyMatch(e -> e.message().messageId().equals(filed)));
    }

    assertThat(mine(topics.events(EmailReceived.class))).extracting(e -> e.message().messageId())
        .containsExactly("filed-1@customer.example", "filed-2@customer.example", "filed-3@customer.example");
  }
}
