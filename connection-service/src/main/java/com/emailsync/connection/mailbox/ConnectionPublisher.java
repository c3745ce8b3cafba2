package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;
import org.jspecify.annotations.Nullable;

/** Port: tells the sync workers about a connection's state, synchronously so a failure reaches the caller. */
public interface ConnectionPublisher {

  void published(ConnectionChanged event) throws PublishFailed;

  void deleted(String connectionId) throws PublishFailed;

  /** Tells the CRM that the owner of a mailbox connected by OAuth must sign in again. */
  void needsReauth(com.emailsync.events.ConnectionNeedsReauth notice) throws PublishFailed;

  /** Tells the CRM that the owner of a mailbox connected by OAuth must sign in again soon. */
  void reauthDue(com.emailsync.events.ConnectionReauthDue notice) throws PublishFailed;

  class PublishFailed extends Exception {
    private final @Nullable String savedConnectionId;

    public PublishFailed(String message, Throwable cause) {
      this(message, cause, null);
    }

    /** @param savedConnectionId the connection that was stored all the same, to be published later */
    public PublishFailed(String message, Throwable cause, @Nullable String savedConnectionId) {
      super(message, cause);
      this.savedConnectionId = savedConnectionId;
    }

    public @Nullable String savedConnectionId() {
      return savedConnectionId;
    }
  }
}
