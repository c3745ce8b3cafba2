package com.emailsync.connection.oauth.web;

import com.emailsync.connection.mailbox.Connection;
import com.emailsync.connection.mailbox.ConnectionPublisher;
import com.emailsync.connection.mailbox.MailboxUnreachable;
import com.emailsync.connection.oauth.OAuthConnections;
import com.emailsync.connection.oauth.OAuthRefused;
import com.emailsync.events.web.Caller;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connecting a mailbox by OAuth: the CRM asks for the provider's sign-in URL for its user and sends the browser there;
 * the provider sends it back to the CRM's page, and the CRM hands the code and state on with the same user's token.
 */
@RestController
class OAuthController {

  private final OAuthConnections oauth;

  OAuthController(OAuthConnections oauth) {
    this.oauth = oauth;
  }

  @GetMapping("/api/v1/tenants/{tenantId}/connections/oauth/{provider}/start")
  OAuthConnections.AuthorizationRequest start(@PathVariable String tenantId, @PathVariable String provider, Caller caller) {
    return oauth.start(tenantId, caller.userId(), provider);
  }

  /** What finishing answers: the connection made, without any token. */
  record Connected(String connectionId, String tenantId, String ownerUserId, String emailAddress, String status) {}

  /**
   * What the provider sent back to {@code emailsync.oauth.redirect-uri} (a CRM page), handed on by the CRM with the
   * user's bearer token: the code and state, or the error of a grant refused.
   */
  record Finish(@Nullable @Size(max = 4096) String code, @Nullable @Size(max = 1024) String state, @Nullable @Size(max = 256) String error) {}

  @PostMapping("/api/v1/tenants/{tenantId}/connections/oauth/finish")
  ResponseEntity<?> finish(@PathVariable String tenantId, Caller caller, @Valid @RequestBody Finish body)
      throws OAuthRefused, MailboxUnreachable, ConnectionPublisher.PublishFailed {
    if (body.error() != null) {
      throw new OAuthRefused("The provider did not grant access (" + body.error() + "): the user declined, or the account may not use this app.");
    }
    if (body.code() == null || body.state() == null) {
      throw new OAuthRefused("The provider's answer carries no code or no state: start connecting the mailbox again.");
    }
    Connection connection = oauth.finish(tenantId, caller.userId(), body.state(), body.code());
    return ResponseEntity.created(URI.create("/api/v1/tenants/%s/connections/%s".formatted(connection.tenantId(), connection.id())))
        .body(new Connected(connection.id(), connection.tenantId(), connection.ownerUserId(), connection.emailAddress(), connection.status().name()));
  }

  @ExceptionHandler
  ProblemDetail refused(OAuthRefused e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setType(URI.create("https://emailsync.example/problems/oauth-refused"));
    problem.setTitle("OAuth sign-in not completed");
    return problem;
  }

  @ExceptionHandler
  ProblemDetail unknownProvider(OAuthConnections.UnknownProvider e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(URI.create("https://emailsync.example/problems/oauth-provider-unknown"));
    problem.setTitle("OAuth provider unknown");
    return problem;
  }
}
