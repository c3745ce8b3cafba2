package com.emailsync.connection.mailbox;

import java.util.List;
import com.emailsync.events.ConnectionChanged;

/** What a user gives to connect a mailbox with a password or app password. */
public record NewConnection(
    String tenantId, String ownerUserId, String emailAddress, ConnectionChanged.Imap imap, String password, List<String> aliases) {

  public NewConnection {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  public NewConnection(String tenantId, String ownerUserId, String emailAddress, ConnectionChanged.Imap imap, String password) {
    this(tenantId, ownerUserId, emailAddress, imap, password, List.of());
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "NewConnection[tenantId=%s, emailAddress=%s, imap=%s]".formatted(tenantId, emailAddress, imap);
  }
}
