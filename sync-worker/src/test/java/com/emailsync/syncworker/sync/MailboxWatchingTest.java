package com.emailsync.syncworker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EventMother;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailboxWatchingTest {

  private final AssignedConnections assigned =
      new AssignedConnections(new MutableClock(Instant.parse("2026-11-26T08:00:00Z")), Duration.ofMinutes(1), Duration.ofHours(1));
  private final List<String> forgotten = new ArrayList<>();
  private final MailboxReader reader = new MailboxReader() {
    @Override
    public Session open(String connectionId, ConnectionChanged.Imap imap, String password) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void forget(String connectionId) {
      forgotten.add(connectionId);
    }
  };
  private final MailboxWatching watching = new MailboxWatching(assigned, MailboxWatch.NONE, reader, SecretBox.fromBase64Key(com.emailsync.testsupport.TestKeys.TRANSPORT));
  private final Mailbox connection = Mailbox.of(EventMother.connectionChanged(), 0);

  /** A pass claimed just before the release may log in just after it: its login must not outlive the pass. */
  @Test
  void aPassThatEndsAfterItsConnectionWasReleasedEndsTheLoginItMade() {
    assigned.assign(connection);
    watching.released(connection.connectionId());
    forgotten.clear();

    watching.passEnded(connection.connectionId());

    assertThat(forgotten).containsExactly(connection.connectionId());
  }

  @Test
  void aPassOfAConnectionStillOwnedKeepsItsLoginForTheNextPass() {
    assigned.assign(connection);

    watching.passEnded(connection.connectionId());

    assertThat(forgotten).isEmpty();
  }
}
