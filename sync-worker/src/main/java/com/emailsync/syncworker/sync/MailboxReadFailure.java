package com.emailsync.syncworker.sync;

import com.emailsync.events.SyncStatusReported;

/** Reading the mailbox failed; {@code status} classifies it and the message says what the owner can do. */
public class MailboxReadFailure extends Exception {

  private final SyncStatusReported.Status status;

  public MailboxReadFailure(SyncStatusReported.Status status, String message) {
    super(message);
    this.status = status;
  }

  public SyncStatusReported.Status status() {
    return status;
  }
}
