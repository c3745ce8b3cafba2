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
 * Real time on a real Dovecot without NOTIFY (as on Gmail): with the poll ten minutes away and the folder checks an hour
 * away, mail into INBOX and into another selected folder arrives within seconds by an IDLE session on each (renewed
 * every second meanwhile), over sessions that stay logged in.
 */
@TestPropertySource(
    properties = {
      "emailsync.sync.imap-notify=false",
      "emailsync.sync.poll-interval=10m",
      "emailsync.sync.folder-check-interval=1h",
      "emailsync.sync.idle-renewal=1s"
    })
class RealTimeSyncIT extends WorkerOnDovecot {

  @org.springframework.beans.factory.annotation.Autowired
  io.micrometer.core.instrument.MeterRegistry metrics;

  /** Within ten seconds: the poll is ten minutes away, so only the watch can have brought it. */
  @Override
  Duration patience() {
    return Duration.ofSeconds(10);
  }

  @Test
  void mailArrivesInSecondsByIdleOnInboxAndAnotherFolderWithoutAPollAndWithoutLoggingInAgain() {
    dovecot.append(user, "app-password", "Customers", MailFixtures.mail("before@customer.example", "carla@customer.example", user, "Before"));
    connect(PASSWORD, Instant.now(), List.of("INBOX", "Customers"));
    awaitMine(SyncStatusReported.class, list -> !list.isEmpty());
    String first = "idle-0@customer.example";
    String firstFiled = "filed-0@customer.example";
    dovecot.append(user, "app-password", "INBOX", MailFixtures.mail(first, "carla@customer.example", user, "First"));
    dovecot.append(user, "app-password", "Customers", MailFixtures.mail(firstFiled, "carla@customer.example", user, "First filed"));
    // Their arrival proves both watches hold IDLE: every login of the worker is done by now.
    awaitMine(EmailReceived.class, list -> list.stream().anyMatch(e -> e.message().messageId().equals(first))
        && list.stream().anyMatch(e -> e.message().messageId().equals(firstFiled)));
    long loginsOnceWatching = dovecot.loginsOf(user);

    for (int i = 1; i <= 3; i++) {
      String inInbox = "idle-" + i + "@customer.example";
      dovecot.append(user, "app-password", "INBOX", MailFixtures.mail(inInbox, "carla@customer.example", user, "Now " + i));
      awaitMine(EmailReceived.class, list -> list.stream().anyMatch(e -> e.message().messageId().equals(inInbox)));
      String filed = "filed-" + i + "@customer.example";
      dovecot.append(user, "app-password", "Customers", MailFixtures.mail(filed, "carla@customer.example", user, "Filed " + i));
      awaitMine(EmailReceived.class, list -> list.stream().anyMatch(e -> e.message().messageId().equals(filed)));
    }

    assertThat(mine(topics.events(EmailReceived.class))).extracting(e -> e.message().messageId())
        .containsExactlyInAnyOrder("idle-0@customer.example", "filed-0@customer.example", "idle-1@customer.example", "filed-1@customer.example",
            "idle-2@customer.example", "filed-2@customer.example", "idle-3@customer.example", "filed-3@customer.example");
    // Each APPEND above is a login of this test's own: six of them, and not one more by the worker's passes.
    assertThat(dovecot.loginsOf(user)).as("passes reuse the kept login; the watches keep theirs").isEqualTo(loginsOnceWatching + 6);
    assertThat(metrics.get("emailsync.sync.sessions").tag("kind", "idle").gauge().value()).isEqualTo(2);
    assertThat(metrics.get("emailsync.sync.sessions").tag("kind", "pass").gauge().value()).isEqualTo(1);
    assertThat(metrics.get("emailsync.sync.lag").timer().count()).isGreaterThanOrEqualTo(8);
  }
}
