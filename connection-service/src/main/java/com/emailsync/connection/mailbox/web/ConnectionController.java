package com.emailsync.connection.mailbox.web;

import com.emailsync.connection.mailbox.Connection;
import com.emailsync.connection.mailbox.ConnectionNotFound;
import com.emailsync.connection.mailbox.ConnectionPublisher;
import com.emailsync.connection.mailbox.MailboxConnections;
import com.emailsync.connection.mailbox.MailboxUnreachable;
import com.emailsync.connection.mailbox.NewConnection;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.web.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/connections")
class ConnectionController {

  private final MailboxConnections connections;

  ConnectionController(MailboxConnections connections) {
    this.connections = connections;
  }

  @PostMapping
  ResponseEntity<ConnectionView> connect(@PathVariable String tenantId, Caller caller, @Valid @RequestBody ConnectionRequests.Connect body)
      throws MailboxUnreachable, ConnectionPublisher.PublishFailed {
    String owner = body.ownerUserId() == null ? caller.userId() : body.ownerUserId();
    if (!caller.mayManage(owner)) {
      throw new OthersMailbox();
    }
    var imap = body.imap();
    var created =
        connections.connect(
            new NewConnection(
                tenantId,
                owner,
                body.emailAddress(),
                new ConnectionChanged.Imap(imap.host(), imap.port(), imap.security(), imap.username()),
                imap.password(),
                body.aliases(),
                body.backfill() == null ? null : body.backfill().toWindow()));
    return ResponseEntity.created(URI.create("/api/v1/tenants/%s/connections/%s".formatted(tenantId, created.id())))
        .body(ConnectionView.of(created));
  }

  /** The caller's own connections; an admin's lists every user's of the tenant. */
  @GetMapping
  List<ConnectionView> list(@PathVariable String tenantId, Caller caller) {
    return connections.list(tenantId).stream().filter(c -> caller.mayManage(c.ownerUserId())).map(ConnectionView::of).toList();
  }

  @GetMapping("/{connectionId}")
  ConnectionView get(@PathVariable String tenantId, @PathVariable String connectionId, Caller caller) {
    return ConnectionView.of(managed(tenantId, connectionId, caller));
  }

  @PutMapping("/{connectionId}/folders")
  ConnectionView chooseFolders(
      @PathVariable String tenantId,
      @PathVariable String connectionId,
      Caller caller,
      @Valid @RequestBody ConnectionRequests.ChooseFolders body)
      throws ConnectionPublisher.PublishFailed {
    managed(tenantId, connectionId, caller);
    return ConnectionView.of(connections.chooseFolders(tenantId, connectionId, body.folders()));
  }

  @PutMapping("/{connectionId}/aliases")
  ConnectionView changeAliases(
      @PathVariable String tenantId, @PathVariable String connectionId, Caller caller, @Valid @RequestBody ConnectionRequests.ChangeAliases body)
      throws ConnectionPublisher.PublishFailed {
    managed(tenantId, connectionId, caller);
    return ConnectionView.of(connections.changeAliases(tenantId, connectionId, body.aliases()));
  }

  @PutMapping("/{connectionId}/password")
  ConnectionView changePassword(
      @PathVariable String tenantId,
      @PathVariable String connectionId,
      Caller caller,
      @Valid @RequestBody ConnectionRequests.ChangePassword body)
      throws MailboxUnreachable, ConnectionPublisher.PublishFailed {
    managed(tenantId, connectionId, caller);
    return ConnectionView.of(connections.changePassword(tenantId, connectionId, body.password()));
  }

  @PostMapping("/{connectionId}/resync")
  ResponseEntity<ConnectionView> resync(@PathVariable String tenantId, @PathVariable String connectionId, Caller caller)
      throws ConnectionPublisher.PublishFailed {
    managed(tenantId, connectionId, caller);
    return ResponseEntity.accepted().body(ConnectionView.of(connections.resync(tenantId, connectionId)));
  }

  @DeleteMapping("/{connectionId}")
  ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String connectionId, Caller caller)
      throws ConnectionPublisher.PublishFailed {
    managed(tenantId, connectionId, caller);
    connections.delete(tenantId, connectionId);
    return ResponseEntity.noContent().build();
  }

  /**
   * The connection, if the caller may manage it: their own, or any of the tenant's for an admin. Someone else's is not
   * found, as another tenant's is: a user cannot even learn which mailboxes a colleague connected.
   */
  private Connection managed(String tenantId, String connectionId, Caller caller) {
    Connection connection = connections.get(tenantId, connectionId);
    if (!caller.mayManage(connection.ownerUserId())) {
      throw new ConnectionNotFound(tenantId, connectionId);
    }
    return connection;
  }

  /** A user who is no admin connecting a mailbox for someone else. */
  static final class OthersMailbox extends RuntimeException {
    OthersMailbox() {
      super("Only an admin may connect a mailbox for another user: leave ownerUserId out, or set it to your own user id.");
    }
  }
}
