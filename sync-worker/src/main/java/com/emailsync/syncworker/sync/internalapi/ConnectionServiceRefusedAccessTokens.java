package com.emailsync.syncworker.sync.internalapi;

import com.emailsync.events.internal.AccessTokenRejection;
import com.emailsync.events.internal.ServiceTokens;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.syncworker.sync.Mailbox;
import com.emailsync.syncworker.sync.RefusedAccessTokens;
import java.time.Duration;
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
 * sync. When connection-service could not renew it yet (its provider down, connection-service away), it is asked
 * again after a while, a few times: the worker holds the mailbox back meanwhile, and only a new token lets it go.
 */
public final class ConnectionServiceRefusedAccessTokens implements RefusedAccessTokens {

  private static final Logger log = LoggerFactory.getLogger(ConnectionServiceRefusedAccessTokens.class);
  private static final int ATTEMPTS = 5;

  private final RestClient connectionService;
  private final ServiceTokens serviceTokens;
  private final SecretBox credentials;
  private final Duration firstRetry;
  /** The fingerprint of the token last reported per connection: each token is reported once. */
  private final Map<String, String> reported = new ConcurrentHashMap<>();

  /**
   * @param connectionService a client whose base URL is connection-service's
   * @param firstRetry the wait before asking again, doubled each time
   */
  public ConnectionServiceRefusedAccessTokens(RestClient connectionService, ServiceTokens serviceTokens, SecretBox credentials, Duration firstRetry) {
    this.connectionService = connectionService;
    this.serviceTokens = serviceTokens;
    this.credentials = credentials;
    this.firstRetry = firstRetry;
  }

  @Override
  public void refused(Mailbox connection) {
    String fingerprint = AccessTokenRejection.fingerprint(credentials.open(connection.sealedCredential(), connection.credentialBinding()));
    if (fingerprint.equals(reported.put(connection.connectionId(), fingerprint))) {
      return;
    }
    Thread.ofVirtual().name("refused-token-" + connection.connectionId()).start(() -> reportUntilAnswered(connection, fingerprint));
  }

  private void reportUntilAnswered(Mailbox connection, String fingerprint) {
    Duration wait = firstRetry;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      AccessTokenRejection.Outcome outcome = report(connection, fingerprint);
      if (outcome != null && outcome != AccessTokenRejection.Outcome.NOT_RENEWED_NOW) {
        return;
      }
      if (attempt < ATTEMPTS && !sleep(wait)) {
        break;
      }
      wait = wait.multipliedBy(2);
    }
    // Given up for now: the next refusal of this token reports it again; the scheduled renewal still comes.
    reported.remove(connection.connectionId(), fingerprint);
  }

  /** @return what connection-service did, or null when it could not be asked */
  private AccessTokenRejection.Outcome report(Mailbox connection, String fingerprint) {
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
      return answer == null ? null : answer.outcome();
    } catch (RestClientException | ServiceTokens.Unavailable e) {
      log.warn("Connection {}: could not report its refused access token to connection-service ({})", connection.connectionId(), e.getMessage());
      return null;
    }
  }

  private static boolean sleep(Duration wait) {
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
