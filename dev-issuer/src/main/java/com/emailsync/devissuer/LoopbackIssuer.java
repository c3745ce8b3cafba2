package com.emailsync.devissuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An identity provider on loopback for the local stack and the tests: it signs RS256 bearer tokens carrying a tenant, a
 * user and roles, and serves what a resource server verifies them with, as a real provider does: its discovery
 * document ({@code /.well-known/openid-configuration}) and its keys ({@code /jwks}). {@code POST /token} hands out a
 * token for any tenant and user: it listens on 127.0.0.1 only, and must never run in production.
 */
public final class LoopbackIssuer implements AutoCloseable {

  /** The claim that names the tenant, as the services read it by default. */
  public static final String TENANT_CLAIM = "tenant_id";
  public static final String ROLES_CLAIM = "roles";
  /** The audience of the services' public APIs, as they expect it by default. */
  public static final String API_AUDIENCE = "email-sync";

  /** The audience of the services' internal APIs: service tokens name it, user tokens never do. */
  public static final String INTERNAL_AUDIENCE = "email-sync-internal";
  /** How long a service token is good for: minutes, as a leaked one must be worth little. */
  public static final Duration SERVICE_TOKEN_LIFETIME = Duration.ofMinutes(5);

  private final HttpServer server;
  private final RSAKey key;
  private final Clock clock;
  /** Services that may take tokens by the client credentials grant: client id to secret. */
  private final Map<String, String> clients = new java.util.concurrent.ConcurrentHashMap<>();
  /** The ids ({@code jti}) of mailbox tokens revoked before they expire. */
  private final java.util.Set<String> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private LoopbackIssuer(HttpServer server, RSAKey key, Clock clock) {
    this.server = server;
    this.key = key;
    this.clock = clock;
  }

  /** A fresh key; any free port when {@code port} is 0. */
  public static LoopbackIssuer start(int port) {
    return start(port, newKey(), Clock.systemUTC());
  }

  /**
   * The key kept in {@code keyFile} (made there the first time), so that tokens handed out survive a restart of the
   * local stack.
   */
  public static LoopbackIssuer start(int port, Path keyFile) {
    return start(port, keptKey(keyFile), Clock.systemUTC());
  }

  static LoopbackIssuer start(int port, RSAKey key, Clock clock) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      var issuer = new LoopbackIssuer(server, key, clock);
      server.createContext("/.well-known/openid-configuration", exchange -> issuer.answer(exchange, "GET", (body, client) -> issuer.discovery()));
      server.createContext("/jwks", exchange -> issuer.answer(exchange, "GET", (body, client) -> new JWKSet(key.toPublicJWK()).toString()));
      server.createContext("/token", exchange -> issuer.answer(exchange, "POST", issuer::tokenResponse));
      server.createContext("/introspect", exchange -> issuer.answer(exchange, "POST", (form, client) -> issuer.introspection(form)));
      server.start();
      return issuer;
    } catch (IOException e) {
      throw new UncheckedIOException("The dev token issuer could not listen on 127.0.0.1:" + port, e);
    }
  }

  /** The issuer ({@code iss}) its tokens carry: its own address. */
  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String jwksUri() {
    return issuer() + "/jwks";
  }

  /** A token for the services' public APIs. */
  public String token(String tenantId, String userId, String... roles) {
    return token(TokenClaims.forApi(tenantId, userId, List.of(roles)));
  }

  /** A token with exactly these claims: expired, for another audience, without a tenant, as a test needs. */
  public String token(TokenClaims claims) {
    Instant expires = claims.validFor() == null ? null : clock.instant().plus(claims.validFor());
    Instant issued = issuedAt(expires);
    var builder = new JWTClaimsSet.Builder()
        .issuer(claims.issuer() == null ? issuer() : claims.issuer())
        .subject(claims.userId())
        .audience(claims.audience())
        .issueTime(Date.from(issued))
        .notBeforeTime(Date.from(issued.minusSeconds(1)))
        .expirationTime(expires == null ? null : Date.from(expires))
        .jwtID(UUID.randomUUID().toString());
    if (claims.tenantId() != null) {
      builder.claim(TENANT_CLAIM, claims.tenantId());
    }
    builder.claim(ROLES_CLAIM, claims.roles());
    return sign(builder.build(), key);
  }

  /** The audience of the access tokens a mail server (Dovecot) checks by introspection. */
  public static final String MAILBOX_AUDIENCE = "imap";

  /**
   * An OAuth access token for a mailbox, as Google or Microsoft hands one to a mail client: the mail server asks this
   * issuer whether it is good ({@code POST /introspect}, RFC 7662) and for whose mailbox ({@code email}).
   */
  public String mailboxToken(String email, Duration validFor) {
    Instant expires = clock.instant().plus(validFor);
    Instant issued = issuedAt(expires);
    var claims = new JWTClaimsSet.Builder()
        .issuer(issuer()).subject(email).audience(MAILBOX_AUDIENCE).claim("email", email)
        .issueTime(Date.from(issued)).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString())
        .build();
    return sign(claims, key);
  }

  /**
   * Revokes a mailbox token before it expires, as a provider does when its user changes the password or removes the
   * app's access: the mail server is told it is no longer active.
   */
  public void revoke(String mailboxToken) {
    try {
      revoked.add(SignedJWT.parse(mailboxToken).getJWTClaimsSet().getJWTID());
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a token of this issuer", e);
    }
  }

  /**
   * {@code POST /introspect} with the form field {@code token} (RFC 7662): active, with its {@code email}, when this
   * issuer signed it for a mailbox and it has neither expired nor been revoked; otherwise only {@code "active": false}.
   */
  private String introspection(Map<String, String> form) {
    String inactive = "{\"active\":false}";
    try {
      SignedJWT token = SignedJWT.parse(form.getOrDefault("token", ""));
      if (!token.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAPublicKey()))) {
        return inactive;
      }
      JWTClaimsSet claims = token.getJWTClaimsSet();
      boolean current = claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isAfter(clock.instant());
      String email = claims.getStringClaim("email");
      if (!current || email == null || !claims.getAudience().contains(MAILBOX_AUDIENCE) || revoked.contains(claims.getJWTID())) {
        return inactive;
      }
      return "{\"active\":true,\"email\":\"%s\",\"sub\":\"%s\",\"exp\":%d}"
          .formatted(email.replace("\"", ""), email.replace("\"", ""), claims.getExpirationTime().toInstant().getEpochSecond());
    } catch (ParseException | JOSEException e) {
      return inactive;
    }
  }

  /** Now; for a token already expired, an hour before it expired, as a real one would have been issued. */
  private Instant issuedAt(Instant expires) {
    Instant now = clock.instant();
    return expires == null || expires.isAfter(now) ? now : expires.minus(Duration.ofHours(1));
  }

  /** A token signed by a key this issuer does not publish: a forgery, to be refused. */
  public String forgedToken(String tenantId, String userId) {
    var claims = new JWTClaimsSet.Builder()
        .issuer(issuer()).subject(userId).audience(API_AUDIENCE).claim(TENANT_CLAIM, tenantId)
        .issueTime(Date.from(clock.instant())).expirationTime(Date.from(clock.instant().plus(Duration.ofHours(1))))
        .build();
    // Another key under this issuer's key id, as a forger would put it.
    return sign(claims, new RSAKey.Builder(newKey()).keyID(key.getKeyID()).build());
  }

  private static String sign(JWTClaimsSet claims, RSAKey key) {
    try {
      var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("The dev token could not be signed", e);
    }
  }

  /** Lets a service take service tokens by the client credentials grant ({@code POST /token}). */
  public LoopbackIssuer registerClient(String clientId, String secret) {
    clients.put(clientId, secret);
    return this;
  }

  /**
   * A service token, as the client credentials grant hands one out (RFC 9068): the client as {@code sub} and
   * {@code client_id}, for the internal APIs, short-lived.
   */
  public String serviceToken(String clientId) {
    return serviceToken(clientId, INTERNAL_AUDIENCE, SERVICE_TOKEN_LIFETIME);
  }

  /** A service token with this audience and life, as a test of refusals needs. */
  public String serviceToken(String clientId, String audience, Duration validFor) {
    Instant expires = clock.instant().plus(validFor);
    return serviceToken(clientId, audience, issuedAt(expires), expires);
  }

  /** A service token issued at {@code issued}: one dated in the future, as a test of refusals needs. */
  public String serviceToken(String clientId, String audience, Instant issued, Instant expires) {
    var claims = new JWTClaimsSet.Builder()
        .issuer(issuer()).subject(clientId).audience(audience).claim(CLIENT_ID_CLAIM, clientId)
        .issueTime(Date.from(issued)).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString())
        .build();
    return sign(claims, key);
  }

  /** RFC 9068: the client a token was issued to. */
  public static final String CLIENT_ID_CLAIM = "client_id";

  private String discovery() {
    return """
        {"issuer":"%1$s","jwks_uri":"%1$s/jwks","token_endpoint":"%1$s/token","grant_types_supported":["client_credentials"],"id_token_signing_alg_values_supported":["RS256"]}"""
        .formatted(issuer());
  }

  /**
   * {@code POST /token}. With {@code grant_type=client_credentials} and a registered client's id and secret
   * (client_secret_basic): a service token. Otherwise, for the developer, form fields {@code tenant_id}, {@code sub} and
   * optionally {@code roles} (comma-separated): a user's token. Either as an OAuth token endpoint answers.
   */
  private String tokenResponse(Map<String, String> form, String authorization) {
    if ("client_credentials".equals(form.get("grant_type"))) {
      String clientId = authenticatedClient(authorization);
      return """
          {"access_token":"%s","token_type":"Bearer","expires_in":%d}""".formatted(serviceToken(clientId), SERVICE_TOKEN_LIFETIME.toSeconds());
    }
    String tenantId = form.get(TENANT_CLAIM);
    String userId = form.getOrDefault("sub", "dev-user");
    if (tenantId == null || tenantId.isBlank()) {
      throw new BadRequest("tenant_id is required");
    }
    List<String> roles = form.containsKey(ROLES_CLAIM) ? Arrays.stream(form.get(ROLES_CLAIM).split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList() : List.of();
    var claims = TokenClaims.forApi(tenantId, userId, roles);
    return """
        {"access_token":"%s","token_type":"Bearer","expires_in":%d}""".formatted(token(claims), claims.validFor().toSeconds());
  }

  /** client_secret_basic (RFC 6749 section 2.3.1): the id of a registered client whose secret matches. */
  private String authenticatedClient(String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      throw new UnknownClient();
    }
    String decoded;
    try {
      decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring("Basic ".length()).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new UnknownClient();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new UnknownClient();
    }
    String clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
    String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
    String registered = clients.get(clientId);
    if (registered == null || !java.security.MessageDigest.isEqual(
        registered.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
      throw new UnknownClient();
    }
    return clientId;
  }

  private interface Handler {
    /** @param authorization the request's Authorization header, if any */
    String answer(Map<String, String> form, String authorization);
  }

  /** A client credentials request without a registered client's id and secret. */
  private static final class UnknownClient extends RuntimeException {
    UnknownClient() {
      super("client authentication failed");
    }
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  private void answer(HttpExchange exchange, String method, Handler handler) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals(method)) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      int status = 200;
      String body;
      try {
        body = handler.answer(
            form(new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8)),
            exchange.getRequestHeaders().getFirst("Authorization"));
      } catch (UnknownClient e) {
        status = 401;
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic");
        body = "{\"error\":\"invalid_client\",\"error_description\":\"" + e.getMessage() + "\"}";
      } catch (BadRequest e) {
        status = 400;
        body = "{\"error\":\"invalid_request\",\"error_description\":\"" + e.getMessage() + "\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    if (body.isBlank()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      form.put(name, value);
    }
    return form;
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("No RSA key could be made for the dev token issuer", e);
    }
  }

  private static RSAKey keptKey(Path keyFile) {
    try {
      if (Files.exists(keyFile)) {
        OwnerOnly.restrict(keyFile);
        return RSAKey.parse(Files.readString(keyFile));
      }
      RSAKey key = newKey();
      OwnerOnly.create(keyFile);
      Files.writeString(keyFile, key.toJSONString());
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("The dev token issuer's key file " + keyFile + " could not be read or written", e);
    } catch (ParseException e) {
      throw new IllegalStateException("The dev token issuer's key file " + keyFile + " holds no RSA key; delete it to make a new one", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * What a token says; {@code tenantId} null leaves the claim out, {@code validFor} null the expiry, {@code issuer} null
   * means this issuer's own.
   */
  public record TokenClaims(String tenantId, String userId, List<String> roles, String audience, Duration validFor, String issuer) {

    public TokenClaims {
      roles = List.copyOf(roles);
    }

    /** For the services' public APIs, valid for 12 hours: a working day at the local stack. */
    public static TokenClaims forApi(String tenantId, String userId, List<String> roles) {
      return new TokenClaims(tenantId, userId, roles, API_AUDIENCE, Duration.ofHours(12), null);
    }

    public TokenClaims withAudience(String audience) {
      return new TokenClaims(tenantId, userId, roles, audience, validFor, issuer);
    }

    /** Negative: expired that long ago. */
    public TokenClaims withValidFor(Duration validFor) {
      return new TokenClaims(tenantId, userId, roles, audience, validFor, issuer);
    }

    public TokenClaims withIssuer(String issuer) {
      return new TokenClaims(tenantId, userId, roles, audience, validFor, issuer);
    }

    /** A token that never expires: to be refused. */
    public TokenClaims withoutExpiry() {
      return new TokenClaims(tenantId, userId, roles, audience, null, issuer);
    }

    public TokenClaims withoutTenant() {
      return new TokenClaims(null, userId, roles, audience, validFor, issuer);
    }
  }
}
