package com.emailsync.events.internal;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * A service's short-lived service tokens, taken from the identity provider by the client credentials grant and kept
 * until shortly before they expire (Spring Security's authorized client manager), for the other services' internal APIs.
 * Needs {@code spring-security-oauth2-client} on the class path (optional here).
 */
public final class ServiceTokens {

  private static final String REGISTRATION = "email-sync-internal";

  private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
  private final String clientId;

  private ServiceTokens(AuthorizedClientServiceOAuth2AuthorizedClientManager manager, String clientId) {
    this.manager = manager;
    this.clientId = clientId;
  }

  /** Tokens from {@code tokenUri} for this client, authenticated with its secret (client_secret_basic). */
  public static ServiceTokens clientCredentials(URI tokenUri, String clientId, String clientSecret) {
    var registration = ClientRegistration.withRegistrationId(REGISTRATION)
        .tokenUri(tokenUri.toString())
        .clientId(clientId)
        .clientSecret(clientSecret)
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .build();
    var registrations = new InMemoryClientRegistrationRepository(registration);
    // Bounded waits: an identity provider that hangs must not hold a report for ever.
    var requests = new SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(Duration.ofSeconds(5));
    requests.setReadTimeout(Duration.ofSeconds(10));
    var tokenResponses = new RestClientClientCredentialsTokenResponseClient();
    tokenResponses.setRestClient(RestClient.builder()
        .requestFactory(requests)
        .messageConverters(converters -> {
          converters.clear();
          converters.add(new FormHttpMessageConverter());
          converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
        })
        .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
        .build());
    var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
    manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
        .clientCredentials(grant -> grant.accessTokenResponseClient(tokenResponses))
        .build());
    return new ServiceTokens(manager, clientId);
  }

  /** A token valid for a while yet: the one held, or a new one when it is about to expire. */
  public String current() {
    OAuth2AuthorizedClient client;
    try {
      client = manager.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(clientId).build());
    } catch (OAuth2AuthorizationException | org.springframework.web.client.RestClientException e) {
      throw new Unavailable("the identity provider gave no service token (" + e.getMessage() + ")");
    }
    if (client == null) {
      throw new Unavailable("the identity provider gave no service token");
    }
    return client.getAccessToken().getTokenValue();
  }

  /** No service token could be had now. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }
}
