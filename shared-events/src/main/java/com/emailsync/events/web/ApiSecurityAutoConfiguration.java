package com.emailsync.events.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import jakarta.servlet.DispatcherType;

/**
 * Every public API takes a JWT bearer token from the CRM's identity provider, verified by its published keys, issuer,
 * audience and expiry; a token without a tenant is no token. Health answers anyone (probes carry no token); the rest
 * of the actuator needs the admin role; anything else is refused. The tenant of the token must be the tenant of the
 * path ({@link TenantIdCheck}). The internal API ({@code /internal/**}) takes only other services' short-lived tokens.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
@EnableConfigurationProperties(ApiAuthProperties.class)
public class ApiSecurityAutoConfiguration {

  static final String ROLE_PREFIX = "ROLE_";

  @Bean
  JwtDecoder apiTokenDecoder(ApiAuthProperties auth) {
    OAuth2TokenValidator<Jwt> audience = audience(auth.audience());
    OAuth2TokenValidator<Jwt> subject = new JwtClaimValidator<Object>(JwtClaimNames.SUB, value -> value instanceof String sub && !sub.isBlank());
    OAuth2TokenValidator<Jwt> tenant =
        new JwtClaimValidator<Object>(auth.tenantClaim(), value -> value instanceof String id && TenantIdCheck.TENANT_ID.matcher(id).matches());
    return decoder(auth, new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(auth.issuer()), audience, expires(), subject, tenant));
  }

  /**
   * Service tokens, for {@code /internal/**} only: the same identity provider's keys and issuer, but their own audience
   * (a user's token is refused here, and a service token on the public API), a client listed as a caller, and a short
   * life.
   */
  static JwtDecoder serviceTokenDecoder(ApiAuthProperties auth) {
    return serviceTokenDecoder(auth, auth.internal().callers());
  }

  /** Service tokens of the listed clients only. */
  static JwtDecoder serviceTokenDecoder(ApiAuthProperties auth, List<String> clients) {
    ApiAuthProperties.Internal internal = auth.internal();
    OAuth2TokenValidator<Jwt> caller =
        new JwtClaimValidator<Object>(CLIENT_ID, value -> value instanceof String id && clients.contains(id));
    // Issued in the future would stretch the life past the limit: beyond a minute of clock skew, it is refused too.
    OAuth2TokenValidator<Jwt> shortLived = jwt -> jwt.getIssuedAt() != null && jwt.getExpiresAt() != null
            && !jwt.getIssuedAt().isAfter(java.time.Instant.now().plus(CLOCK_SKEW))
            && !Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt()).minus(internal.maxLifetime()).isPositive()
        ? OAuth2TokenValidatorResult.success()
        : OAuth2TokenValidatorResult.failure(new OAuth2Error(
            "invalid_token", "A service token must carry iat, not in the future, and be valid for at most " + internal.maxLifetime() + " from it", null));
    return decoder(auth, new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(auth.issuer()), audience(internal.audience()), expires(), shortLived, caller));
  }

  /** RFC 9068: the client a token was issued to. */
  static final String CLIENT_ID = "client_id";

  /** How far apart the identity provider's clock and ours may be, as Spring Security's own checks allow. */
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private static OAuth2TokenValidator<Jwt> audience(String expected) {
    return new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(expected));
  }

  /** Spring Security lets a token without exp through: one that never expires is refused here. */
  private static OAuth2TokenValidator<Jwt> expires() {
    return new JwtClaimValidator<Object>(JwtClaimNames.EXP, java.util.Objects::nonNull);
  }

  private static JwtDecoder decoder(ApiAuthProperties auth, OAuth2TokenValidator<Jwt> validator) {
    // Bounded: a provider that hangs must not hold every request thread.
    var requests = new org.springframework.http.client.SimpleClientHttpRequestFactory();
    requests.setConnectTimeout(Duration.ofSeconds(5));
    requests.setReadTimeout(Duration.ofSeconds(5));
    var restOperations = new org.springframework.web.client.RestTemplate(requests);
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(auth.jwksUri())
        .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(
            org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256,
            org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256)))
        .restOperations(restOperations)
        .build();
    decoder.setJwtValidator(validator);
    return decoder;
  }

  /**
   * The internal API ({@code /internal/**}) takes service tokens only, ahead of the public chain; without a listed
   * caller (the default), it lets nobody in.
   */
  @Bean
  @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain internalApiSecurity(HttpSecurity http, ApiAuthProperties auth) throws Exception {
    return serviceTokensOnly(http, "/internal/**", serviceTokenDecoder(auth));
  }

  /**
   * Prometheus scrapes {@code /actuator/prometheus} with a service token of its own (a listed scraper's), as a service
   * calls the internal API: a machine has no user, tenant or role to put in a user's token. Ahead of the public chain.
   */
  @Bean
  @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1)
  SecurityFilterChain metricsScrapeSecurity(HttpSecurity http, ApiAuthProperties auth) throws Exception {
    return serviceTokensOnly(http, "/actuator/prometheus", serviceTokenDecoder(auth, auth.internal().scrapers()));
  }

  /** A chain for the paths that take service tokens only, of the clients the decoder accepts. */
  private static SecurityFilterChain serviceTokensOnly(HttpSecurity http, String paths, JwtDecoder serviceTokens) throws Exception {
    var problems = new ProblemAuthenticationResponses();
    http
        .securityMatcher(paths)
        .authorizeHttpRequests(requests -> requests
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.decoder(serviceTokens))
            .authenticationEntryPoint(problems)
            .accessDeniedHandler(problems));
    return stateless(http, problems).build();
  }

  private static HttpSecurity stateless(HttpSecurity http, ProblemAuthenticationResponses problems) throws Exception {
    return http
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        // Bearer tokens, no cookies: nothing to forge a cross-site request with, and no session to keep.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .anonymous(anonymous -> anonymous.disable());
  }

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, ApiAuthProperties auth, JwtDecoder apiTokenDecoder) throws Exception {
    var roles = new JwtGrantedAuthoritiesConverter();
    roles.setAuthoritiesClaimName(auth.rolesClaim());
    roles.setAuthorityPrefix(ROLE_PREFIX);
    var authentication = new JwtAuthenticationConverter();
    authentication.setJwtGrantedAuthoritiesConverter(roles);
    var problems = new ProblemAuthenticationResponses();
    http
        .authorizeHttpRequests(requests -> requests
            // Errors raised while answering a request answer as themselves, not as a refusal.
            .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            // The API's description (OpenAPI) is for whoever integrates with it; it holds no data.
            .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml").permitAll()
            .requestMatchers("/api/**").authenticated()
            .requestMatchers("/actuator/**").hasRole(auth.adminRole())
            .anyRequest().denyAll())
        .oauth2ResourceServer(resourceServer -> resourceServer
            .jwt(jwt -> jwt.decoder(apiTokenDecoder).jwtAuthenticationConverter(authentication))
            .authenticationEntryPoint(problems)
            .accessDeniedHandler(problems));
    return stateless(http, problems).build();
  }

  /** Handlers take the verified caller as a {@link Caller} parameter. */
  @Bean
  org.springframework.web.servlet.config.annotation.WebMvcConfigurer callerArgument(ApiAuthProperties auth) {
    return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<org.springframework.web.method.support.HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgument(auth));
      }

      @Override
      public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
        // After the tenant id's form is checked (TenantIdCheck, order 0): a malformed one is a 400 for anyone.
        // Service tokens name no tenant: a service acts for any, on the internal API only.
        registry.addInterceptor(new TenantOfTokenCheck(auth)).order(1).excludePathPatterns("/internal/**");
      }
    };
  }
}
