package com.emailsync.syncworker.sync;

import com.emailsync.events.secrets.SecretBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the mailboxes this worker owns, while it owns them, and makes one due at once when the server announces new
 * mail. When ownership ends, the mailbox's sessions end too: another worker holds them now.
 */
public class MailboxWatching {

  private static final Logger log = LoggerFactory.getLogger(MailboxWatching.class);

  private final AssignedConnections assigned;
  private final MailboxWatch watch;
  private final MailboxReader reader;
  private final SecretBox credentials;

  public MailboxWatching(AssignedConnections assigned, MailboxWatch watch, MailboxReader reader, SecretBox credentials) {
    this.assigned = assigned;
    this.watch = watch;
    this.reader = reader;
    this.credentials = credentials;
  }

  /** A mailbox this worker owns now, or whose connection changed (new password, other folders). */
  public void owned(Mailbox mailbox) {
    String password;
    try {
      password = credentials.open(mailbox.sealedCredential(), mailbox.credentialBinding());
    } catch (SecretBox.SecretUnreadableException e) {
      // The pass reports it to the owner; without the password there is nothing to watch.
      log.warn("Not watching connection {}: its credential cannot be opened here", mailbox.connectionId());
      assigned.assign(mailbox);
      watch.stop(mailbox.connectionId());
      return;
    }
    // A tag, not the password: a hold another worker wrote for this password must be recognisable here.
    if (!assigned.assign(mailbox, credentials.tag(password, mailbox.connectionId()))) {
      return;
    }
    reader.forget(mailbox.connectionId());
    watch.watch(mailbox, password, () -> assigned.newMail(mailbox.connectionId()), assigned.isHeld(mailbox.connectionId()));
  }

  /** A pass logged in: a watch paused by a rejected login may try again. */
  public void loginWorked(String connectionId) {
    watch.loginWorked(connectionId);
  }

  /**
   * A pass of the connection ended. One released while it ran (deleted, say) may have logged in again after the release
   * forgot its login (a pass claimed just before it opens its session just after): that login ends here, or it would
   * count against the user's sessions at the provider (Dovecot allows 10 from one address, Gmail 15) until the sweeper's
   * minutes passed.
   */
  public void passEnded(String connectionId) {
    if (!assigned.isAssigned(connectionId)) {
      reader.forget(connectionId);
    }
  }

  /** Deleted, disabled, or no longer this worker's. */
  public void released(String connectionId) {
    assigned.remove(connectionId);
    watch.stop(connectionId);
    reader.forget(connectionId);
  }
}
