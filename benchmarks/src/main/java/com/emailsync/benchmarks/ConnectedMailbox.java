package com.emailsync.benchmarks;

import static com.emailsync.benchmarks.Checks.require;

import com.emailsync.testsupport.JsonHttp;
import java.util.HashMap;
import java.util.Map;

/** A mailbox connected through connection-service's REST API, as the CRM connects one: by password, in clear on loopback. */
final class ConnectedMailbox {

  private ConnectedMailbox() {}

  /** @return the connection's id */
  static String connect(JsonHttp connections, String user, String host, int port, String password) throws Exception {
    return connect(connections, user, host, port, password, Map.of());
  }

  /** @param more further members of the request, e.g. {@code backfill} */
  static String connect(JsonHttp connections, String user, String host, int port, String password, Map<String, Object> more) throws Exception {
    Map<String, Object> request = new HashMap<>(more);
    request.putAll(Map.of("ownerUserId", "bench-user", "emailAddress", user,
        "imap", Map.of("host", host, "port", port, "security", "NONE", "username", user, "password", password)));
    var connected = connections.post("/connections", request);
    require(connected.status() == 201, "connection: " + connected.raw());
    return connected.json().get("id").asString();
  }

  /** Deletes the connection; its sessions at the mail server end with it. */
  static void delete(JsonHttp connections, String connectionId) {
    var deleted = connections.delete("/connections/" + connectionId);
    require(deleted.status() == 204, "connection deleted: " + deleted.raw());
  }
}
