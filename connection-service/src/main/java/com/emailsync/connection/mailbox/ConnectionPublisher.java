package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;

/** Port: tells the sync workers about a connection's state, synchronously so a failure reaches the caller. */
public interface ConnectionPublisher {

  void published(ConnectionChanged event) throws PublishFailed;

  void deleted(String connectionId) throws PublishFailed;

  class PublishFailed extends Exception {
    public PublishFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
