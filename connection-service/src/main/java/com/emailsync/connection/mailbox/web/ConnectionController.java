package com.emailsync.connection.mailbox.web;

import com.emailsync.connection.mailbox.ConnectionPublisher;
import com.emailsync.connection.mailbox.MailboxConnections;
import com.emailsync.connection.mailbox.MailboxUnreachable;
import com.emailsync.connection.mailbox.NewConnection;
import com.emailsync.events.ConnectionChanged;
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
  ResponseEntity<ConnectionView> connect(@PathVariable String tenantId, @Valid @RequestBody ConnectionRequests.Connect body)
      throws MailboxUnreachable, ConnectionPublisher.PublishFailed {
    var imap = body.imap();
    var created =
        connections.connect(
            new NewConnection(
                tenantId,
                body.ownerUserId(),
                body.emailAddress(),
                new ConnectionChanged.Imap(imap.host(), imap.port(), imap.security(), imap.username()),
                imap.password(),
                body.aliases(),
                body.backfill() == null ? null : body.backfill().toWindow()));
    return ResponseEntity.created(URI.create("/api/v1/tenants/%s/connections/%s".formatted(tenantId, created.id())))
        .body(ConnectionView.of(created));
  }

  @GetMapping
  List<ConnectionView> list(@PathVariable String tenantId) {
    return connections.list(tenantId).stream().map(ConnectionView::of).toList();
  }

  @GetMapping("/{connectionId}")
  ConnectionView get(@PathVariable String tenantId, @PathVariable String connectionId) {
    return ConnectionView.of(connections.get(tenantId, connectionId));
  }

  @PutMapping("/{connectionId}/folders")
  ConnectionView chooseFolders(
      @PathVariable String tenantId,
      @PathVariable String connectionId,
      @Valid @RequestBody ConnectionRequests.ChooseFolders body)
      throws ConnectionPublisher.PublishFailed {
    return ConnectionView.of(connections.chooseFolders(tenantId, connectionId, body.folders()));
  }

  @PutMapping("/{connectionId}/aliases")
  ConnectionView changeAliases(
      @PathVariable String tenantId, @PathVariable String connectionId, @Valid @RequestBody ConnectionRequests.ChangeAliases body)
      throws ConnectionPublisher.PublishFailed {
    return ConnectionView.of(connections.changeAliases(tenantId, connectionId, body.aliases()));
  }

  @PutMapping("/{connectionId}/password")
  ConnectionView changePassword(
      @PathVariable String tenantId,
      @PathVariable String connectionId,
      @Valid @RequestBody ConnectionRequests.ChangePassword body)
      throws MailboxUnreachable, ConnectionPublisher.PublishFailed {
    return ConnectionView.of(connections.changePassword(tenantId, connectionId, body.password()));
  }

  @PostMapping("/{connectionId}/resync")
  ResponseEntity<ConnectionView> resync(@PathVariable String tenantId, @PathVariable String connectionId)
      throws ConnectionPublisher.PublishFailed {
    return ResponseEntity.accepted().body(ConnectionView.of(connections.resync(tenantId, connectionId)));
  }

  @DeleteMapping("/{connectionId}")
  ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String connectionId)
      throws ConnectionPublisher.PublishFailed {
    connections.delete(tenantId, connectionId);
    return ResponseEntity.noContent().build();
  }
}
