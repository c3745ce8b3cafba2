package com.emailsync.connection.mailbox;

import java.util.List;
import com.emailsync.events.ConnectionChanged;
import org.jspecify.annotations.Nullable;

/**
 * What a user gives to connect a mailbox with a password or app password.
 *
 * @param backfill the mail already in the folders to sync as well (its last days, or all); null: only what arrives
 */
public record NewConnection(
    String tenantId,
    String ownerUserId,
    String emailAddress,
    ConnectionChanged.Imap imap,
    String password,
    List<String> aliases,
    ConnectionChanged.@Nullable Backfill backfill) {

  public NewConnection {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  public NewConnection(String tenantId, String ownerUserId, String emailAddress, ConnectionChanged.Imap imap, String password) {
    this(tenantId, ownerUserId, emailAddress, imap, password, List.of(), null);
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "NewConnection[tenantId=%s, emailAddress=%s, imap=%s]".formatted(tenantId, emailAddress, imap);
  }
}
