package com.emailsync.events.internal;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * How a service reaches another service's internal API: its base URL, and this service's client at the identity
 * provider, whose short-lived service tokens (client credentials grant) the other service takes. Bound from
 * configuration; unset parts leave the call switched off. Needs {@code spring-security-oauth2-client} (optional here).
 *
 * @param url the other service's base URL
 * @param tokenUri the identity provider's token endpoint
 * @param clientId this service's client id there, which the other service lists among its callers
 * @param clientSecret its secret
 */
public record InternalApiClient(@Nullable String url, @Nullable String tokenUri, @Nullable String clientId, @Nullable String clientSecret) {

  /** Whether all it takes to call the other service is set. */
  public boolean configured() {
    return present(url) && present(tokenUri) && present(clientId) && present(clientSecret);
  }

  /** A client of the other service with bounded waits: five seconds to connect, {@code readTimeout} for an answer. */
  public RestClient restClient(Duration readTimeout) {
    var requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(Duration.ofSeconds(5));
    requests.setReadTimeout(readTimeout);
    return RestClient.builder().baseUrl(url).requestFactory(requests).build();
  }

  public ServiceTokens serviceTokens() {
    return ServiceTokens.clientCredentials(URI.create(tokenUri), clientId, clientSecret);
  }

  private static boolean present(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  @Override
  public String toString() {
    return "InternalApiClient[url=%s, tokenUri=%s, clientId=%s, secret hidden]".formatted(url, tokenUri, clientId);
  }
}
