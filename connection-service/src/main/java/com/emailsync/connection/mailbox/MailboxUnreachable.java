package com.emailsync.connection.mailbox;

import com.emailsync.events.MailboxFailureReason;

/** Logging in to or listing a mailbox failed; the message says why and what to do, never with the secret. */
public class MailboxUnreachable extends Exception {

  private final MailboxFailureReason reason;

  public MailboxUnreachable(MailboxFailureReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public MailboxFailureReason reason() {
    return reason;
  }
}
