package com.emailsync.events.secrets;

import java.util.Locale;

/**
 * What a sealed mailbox credential belongs to, bound into its encryption as associated data: the same ciphertext
 * copied onto another connection, tenant, host or username does not open.
 */
public record CredentialBinding(String tenantId, String connectionId, String host, String username) {

  /**
   * What the same connection's OAuth refresh token is sealed for: its own name, so neither the credential nor the
   * refresh token opens in the other's place.
   */
  public CredentialBinding forRefreshToken() {
    return new CredentialBinding(tenantId, connectionId + "#refresh-token", host, username);
  }

  /** The associated data of a credential sealed now. */
  String associatedData() {
    // NUL cannot occur in any of the parts (ids, a host name, an IMAP username), so no two bindings read the same.
    return String.join("\u0000", "emailsync-credential-v2", tenantId, connectionId, host.toLowerCase(Locale.ROOT), username);
  }

  /** What credentials sealed before bindings (format v1) were bound to: the connection id alone. */
  String legacyAssociatedData() {
    return connectionId;
  }
}
