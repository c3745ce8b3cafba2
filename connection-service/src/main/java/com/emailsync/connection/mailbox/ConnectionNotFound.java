package com.emailsync.connection.mailbox;

public class ConnectionNotFound extends RuntimeException {
  public ConnectionNotFound(String tenantId, String connectionId) {
    super("No connection " + connectionId + " in tenant " + tenantId + ".");
  }
}
