package com.emailsync.syncworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.EmailReceived;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.syncworker.sync.MailboxWatch;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A worker told not to watch mailboxes (for servers that drop idle sessions, or to spare connections) starts, and mail
 * arrives with the polls. It did not start: the watch that does nothing had nothing to close at shutdown.
 */
@TestPropertySource(properties = {"emailsync.sync.idle=false", "emailsync.sync.poll-interval=1s"})
class PollingOnlySyncIT extends WorkerOnDovecot {

  @Autowired MailboxWatch watch;

  @Test
  void withoutWatchesMailStillArrivesByThePolls() {
    assertThat(watch).isSameAs(MailboxWatch.NONE);
    connect(PASSWORD, Instant.now(), List.of("INBOX"));
    awaitMine(SyncStatusReported.class, list -> !list.isEmpty());

    dovecot.append(user, PASSWORD, "INBOX", MailFixtures.mail("polled-1@customer.example", "carla@customer.example", user, "Polled"));

    awaitMine(EmailReceived.class, list -> list.stream().anyMatch(e -> e.message().messageId().equals("polled-1@customer.example")));
  }
}
