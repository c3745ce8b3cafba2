package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;

/** What a user gives to connect a mailbox with a password or app password. */
public record NewConnection(
    String tenantId, String ownerUserId, String emailAddress, ConnectionChanged.Imap imap, String password) {

  /** Never prints the password. */
  @Override
  public String toString() {
    return "NewConnection[tenantId=%s, emailAddress=%s, imap=%s]".formatted(tenantId, emailAddress, imap);
  }
}
