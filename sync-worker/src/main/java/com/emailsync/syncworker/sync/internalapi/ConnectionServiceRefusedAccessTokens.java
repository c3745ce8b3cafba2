package com.emailsync.syncworker.sync.internalapi;

import com.emailsync.events.internal.AccessTokenRejection;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.syncworker.sync.Mailbox;
import com.emailsync.syncworker.sync.RefusedAccessTokens;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Tells connection-service's internal API ({@link AccessTokenRejection}) which token was refused, by its fingerprint,
 * with a service token: once per token, on a thread of its own, so a slow or absent connection-service never holds a
 * sync.
 */
public final class ConnectionServiceRefusedAccessTokens implements RefusedAccessTokens {

  private static final Logger log = LoggerFactory.getLogger(ConnectionServiceRefusedAccessTokens.class);

  private final RestClient connectionService;
  private final ServiceTokens serviceTokens;
  private final SecretBox credentials;
  /** The fingerprint of the token last reported per connection: each token is reported once. */
  private final Map<String, String> reported = new ConcurrentHashMap<>();

  /** @param connectionService a client whose base URL is connection-service's */
  public ConnectionServiceRefusedAccessTokens(RestClient connectionService, ServiceTokens serviceTokens, SecretBox credentials) {
    this.connectionService = connectionService;
    this.serviceTokens = serviceTokens;
    this.credentials = credentials;
  }

  @Override
  public void refused(Mailbox connection) {
    String fingerprint = AccessTokenRejection.fingerprint(credentials.open(connection.sealedCredential(), connection.credentialBinding()));
    if (fingerprint.equals(reported.put(connection.connectionId(), fingerprint))) {
      return;
    }
    Thread.ofVirtual().name("refused-token-" + connection.connectionId()).start(() -> report(connection, fingerprint));
  }

  private void report(Mailbox connection, String fingerprint) {
    try {
      AccessTokenRejection.Answer answer = connectionService.post()
          .uri(AccessTokenRejection.PATH, connection.tenantId(), connection.connectionId())
          .headers(headers -> headers.setBearerAuth(serviceTokens.current()))
          .contentType(MediaType.APPLICATION_JSON)
          .body(new AccessTokenRejection.Report(fingerprint))
          .retrieve()
          .body(AccessTokenRejection.Answer.class);
      log.info("Connection {}: the mail server refused its access token; connection-service answered {} ({})",
          connection.connectionId(), answer == null ? null : answer.outcome(), answer == null ? "" : answer.detail());
    } catch (RestClientException | ServiceTokens.Unavailable e) {
      // Not reported: the next refusal of this token tries again; meanwhile the scheduled renewal still comes.
      reported.remove(connection.connectionId(), fingerprint);
      log.warn("Connection {}: could not report its refused access token to connection-service ({})", connection.connectionId(), e.getMessage());
    }
  }
}
