package com.emailsync.syncworker.sync;

import com.emailsync.events.MailboxFailureReason;
import com.emailsync.events.SyncStatusReported;
import org.jspecify.annotations.Nullable;

/**
 * Reading the mailbox failed; {@code status} classifies it, {@code reason} says finer why the server could not be read
 * (null for another cause), and the message says what the owner can do.
 */
public class MailboxReadFailure extends Exception {

  private final SyncStatusReported.Status status;
  private final @Nullable MailboxFailureReason reason;

  public MailboxReadFailure(SyncStatusReported.Status status, String message) {
    this(status, null, message);
  }

  public MailboxReadFailure(SyncStatusReported.Status status, @Nullable MailboxFailureReason reason, String message) {
    super(message);
    this.status = status;
    this.reason = reason;
  }

  public SyncStatusReported.Status status() {
    return status;
  }

  public @Nullable MailboxFailureReason reason() {
    return reason;
  }
}
