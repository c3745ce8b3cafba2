package com.emailsync.connection.oauth.web;

import com.emailsync.connection.oauth.OAuthConnections;
import com.emailsync.events.internal.AccessTokenRejection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal API the sync workers call, with their service token, when a mail server refuses an access token
 * ({@link AccessTokenRejection}); users cannot reach it.
 */
@RestController
class AccessTokenRejectionController {

  private final OAuthConnections oauth;

  AccessTokenRejectionController(OAuthConnections oauth) {
    this.oauth = oauth;
  }

  /** A SHA-256 in base64url is 43 characters. */
  record Report(@NotBlank @Size(max = 64) String tokenFingerprint) {}

  @PostMapping(AccessTokenRejection.PATH)
  AccessTokenRejection.Answer rejected(@PathVariable String tenantId, @PathVariable String connectionId, @Valid @RequestBody Report report) {
    return oauth.accessTokenRejected(tenantId, connectionId, report.tokenFingerprint());
  }

  @ExceptionHandler
  ProblemDetail notOAuth(OAuthConnections.NotSignedInByOAuth e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setType(URI.create("https://emailsync.example/problems/connection-not-oauth"));
    problem.setTitle("Not an OAuth connection");
    return problem;
  }
}
