package com.emailsync.connection.mailbox;

import java.util.List;
import com.emailsync.events.ConnectionChanged;
import org.jspecify.annotations.Nullable;

/**
 * What a user gives to connect a mailbox: a password or app password, or what an OAuth grant gave.
 *
 * @param password the password, or the OAuth access token (then {@code imap.auth()} is XOAUTH2 and {@code oauth} set)
 * @param backfill the mail already in the folders to sync as well (its last days, or all); null: only what arrives
 */
public record NewConnection(
    String tenantId,
    String ownerUserId,
    String emailAddress,
    ConnectionChanged.Imap imap,
    String password,
    List<String> aliases,
    ConnectionChanged.@Nullable Backfill backfill,
    @Nullable OAuthTokens oauth) {

  public NewConnection {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  public NewConnection(
      String tenantId, String ownerUserId, String emailAddress, ConnectionChanged.Imap imap, String password, List<String> aliases,
      ConnectionChanged.@Nullable Backfill backfill) {
    this(tenantId, ownerUserId, emailAddress, imap, password, aliases, backfill, null);
  }

  /**
   * What the provider's token endpoint gave besides the access token. Never printed.
   *
   * @param reconsentAfter how long after this sign-in the provider asks for consent again; null: it does not
   */
  public record OAuthTokens(String provider, String refreshToken, java.time.Instant accessTokenExpiresAt, java.time.@Nullable Duration reconsentAfter) {
    @Override
    public String toString() {
      return "OAuthTokens[provider=%s]".formatted(provider);
    }
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
