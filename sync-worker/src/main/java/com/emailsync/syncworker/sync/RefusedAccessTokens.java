package com.emailsync.syncworker.sync;

/**
 * Where a worker reports an OAuth access token the mail server refused: connection-service, which holds the grant,
 * renews it at once instead of at its scheduled round (up to an hour later) and publishes the new token.
 */
public interface RefusedAccessTokens {

  /** Nobody to tell: a refused token waits for its scheduled renewal. */
  RefusedAccessTokens NONE = connection -> {};

  /** The mail server refused the connection's access token; reported once per token, never blocking the caller. */
  void refused(Mailbox connection);
}
