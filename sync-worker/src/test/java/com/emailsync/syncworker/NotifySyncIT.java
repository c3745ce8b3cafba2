package com.emailsync.syncworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.EmailReceived;
import com.emailsync.events.SyncStatusReported;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Real time in every folder over one session, on a Dovecot that offers NOTIFY: the poll ten minutes away, IDLE renewed
 * only every ten minutes and the STATUS checks an hour away, mail filed into any of three selected folders arrives
 * within seconds, because the server itself tells the one session that waits in IDLE on INBOX.
 */
@TestPropertySource(
    properties = {
      "emailsync.sync.poll-interval=10m",
      "emailsync.sync.folder-check-interval=1h",
      "emailsync.sync.idle-renewal=10m",
      "emailsync.sync.idle-folders=3"
    })
class NotifySyncIT extends WorkerOnDovecot {

  @Autowired
  io.micrometer.core.instrument.MeterRegistry metrics;

  /** Within ten seconds: poll, renewal and checks are minutes away, so only NOTIFY can have brought it. */
  @Override
  Duration patience() {
    return Duration.ofSeconds(10);
  }

  @Test
  void mailFiledIntoAnySelectedFolderArrivesInSecondsOverTheOneSessionWatchingInbox() {
    List<String> folders = List.of("INBOX", "Customers", "Projects", "Archive");
    for (String folder : folders) {
      dovecot.append(user, PASSWORD, folder, MailFixtures.mail("before-" + folder + "@customer.example", "carla@customer.example", user, "Before"));
    }
    connect(PASSWORD, Instant.now(), folders);
    awaitMine(SyncStatusReported.class, list -> !list.isEmpty());

    for (int round = 1; round <= 2; round++) {
      for (String folder : folders) {
        String filed = folder.toLowerCase() + "-" + round + "@customer.example";
        dovecot.append(user, PASSWORD, folder, MailFixtures.mail(filed, "carla@customer.example", user, "Filed into " + folder));
        awaitMine(EmailReceived.class, list -> list.stream().anyMatch(e -> e.message().messageId().equals(filed)));
      }
    }

    assertThat(mine(topics.events(EmailReceived.class))).extracting(e -> e.message().messageId()).containsExactlyInAnyOrder(
        "inbox-1@customer.example", "customers-1@customer.example", "projects-1@customer.example", "archive-1@customer.example",
        "inbox-2@customer.example", "customers-2@customer.example", "projects-2@customer.example", "archive-2@customer.example");
    assertThat(metrics.get("emailsync.sync.sessions").tag("kind", "idle").gauge().value())
        .as("one IDLE session for the mailbox, though three folders may have one each without NOTIFY").isEqualTo(1);
    // Counted by the server, as a provider's connection limit counts: the IDLE session and the pass's kept login (its
    // store and one folder connection). Without NOTIFY the three folders would hold two IDLE sessions more.
    assertThat(dovecot.connectionsOf(user)).as("IMAP connections Dovecot holds for the mailbox").isBetween(1L, 3L);
  }
}
