package com.emailsync.connection.mailbox;

import com.emailsync.events.SyncStatusReported;

/** Whether a connection syncs, and if not, the kind of problem its owner must fix. */
public enum ConnectionStatus {
  /** Connected; waiting for its first sync. */
  CONNECTED,
  SYNCING,
  AUTHENTICATION_FAILED,
  CONNECTION_FAILED,
  FOLDER_NOT_FOUND,
  FAILED,
  /** Connected by OAuth, and the provider refused to renew the grant: only the owner signing in again helps. */
  REAUTH_REQUIRED;

  static ConnectionStatus after(SyncStatusReported.Status sync) {
    return switch (sync) {
      // Throttled is the provider pacing us: the connection still syncs, its last status says why it waits.
      case OK, MESSAGES_SET_ASIDE, THROTTLED -> SYNCING;
      case AUTHENTICATION_FAILED -> AUTHENTICATION_FAILED;
      case CONNECTION_FAILED -> CONNECTION_FAILED;
      case FOLDER_NOT_FOUND -> FOLDER_NOT_FOUND;
      case FAILED -> FAILED;
    };
  }
}
