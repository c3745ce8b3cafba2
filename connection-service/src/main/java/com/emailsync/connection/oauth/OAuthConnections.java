package com.emailsync.connection.oauth;

import com.emailsync.connection.mailbox.Connection;
import com.emailsync.connection.mailbox.ConnectionPublisher;
import com.emailsync.connection.mailbox.MailboxConnections;
import com.emailsync.connection.mailbox.MailboxUnreachable;
import com.emailsync.connection.mailbox.NewConnection;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapAuth;
import com.emailsync.events.internal.AccessTokenRejection;
import com.emailsync.events.internal.AccessTokenRejection.Outcome;
import com.emailsync.events.secrets.SecretBox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Connects a mailbox by OAuth: the authorization code flow with PKCE (S256), a signed, expiring, one-time {@code state}
 * and an ID token whose nonce must match, then the mailbox connected as any other, logged in to with XOAUTH2.
 */
public class OAuthConnections {

  /** How long a user has to finish signing in at the provider. */
  static final Duration PENDING_FOR = Duration.ofMinutes(10);

  private final Map<String, OAuthProvider> providers;
  private final String redirectUri;
  private final PendingAuthorizations pending;
  private final TokenEndpoint tokens;
  private final IdTokens idTokens;
  private final MailboxConnections connections;
  private final SecretBox stateSigner;
  private final Clock clock;
  private final Duration renewRefusedTokenAfter;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param stateSigner signs the {@code state} (an HMAC tag under a key derived from its key, see SecretBox#tag)
   * @param renewRefusedTokenAfter a token refused within this long of being obtained is not renewed again: the mailbox
   *     refuses the account, not the token
   */
  public OAuthConnections(
      List<OAuthProvider> providers, String redirectUri, PendingAuthorizations pending, TokenEndpoint tokens, IdTokens idTokens,
      MailboxConnections connections, SecretBox stateSigner, Clock clock, Duration renewRefusedTokenAfter) {
    this.renewRefusedTokenAfter = renewRefusedTokenAfter;
    this.providers = providers.stream().collect(Collectors.toUnmodifiableMap(OAuthProvider::id, provider -> provider));
    this.redirectUri = redirectUri;
    this.pending = pending;
    this.tokens = tokens;
    this.idTokens = idTokens;
    this.connections = connections;
    this.stateSigner = stateSigner;
    this.clock = clock;
  }

  /** Where to send the user's browser: the provider's sign-in, then back to the callback. */
  public record AuthorizationRequest(String authorizationUrl, Instant expiresAt) {}

  /** A provider this service is not configured for. */
  public static final class UnknownProvider extends RuntimeException {
    UnknownProvider(String provider) {
      super("No OAuth provider '" + provider + "' is configured here.");
    }
  }

  public AuthorizationRequest start(String tenantId, String userId, String providerId) {
    OAuthProvider provider = providers.get(providerId);
    if (provider == null) {
      throw new UnknownProvider(providerId);
    }
    String id = randomToken(24);
    String verifier = randomToken(48);
    String nonce = randomToken(24);
    Instant expiresAt = clock.instant().plus(PENDING_FOR);
    pending.save(new PendingAuthorization(id, tenantId, userId, providerId, verifier, nonce, expiresAt));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", provider.clientId());
    query.put("redirect_uri", redirectUri);
    query.put("scope", String.join(" ", provider.scopes()));
    query.put("state", state(id, expiresAt));
    query.put("nonce", nonce);
    query.put("code_challenge", challenge(verifier));
    query.put("code_challenge_method", "S256");
    query.putAll(provider.authorizationParameters());
    String separator = provider.authorizationUri().contains("?") ? "&" : "?";
    return new AuthorizationRequest(provider.authorizationUri() + separator + form(query), expiresAt);
  }

  /**
   * The provider sent the user back with a code, which the CRM hands on with the user's own bearer token: checks the
   * state and that this user of this tenant started it (a code and state someone else obtained, by sending a victim a
   * sign-in link, connect nothing to their account), exchanges the code, checks the ID token, and connects the
   * mailbox it names.
   */
  public Connection finish(String tenantId, String userId, String state, String code)
      throws OAuthRefused, MailboxUnreachable, ConnectionPublisher.PublishFailed {
    String id = verifiedId(state);
    // Taken only by the user who started it: anyone else holding the code and state can neither use nor spend it.
    PendingAuthorization started = pending.take(id, tenantId, userId, clock.instant()).orElseThrow(() -> pending.exists(id, clock.instant())
        ? new OAuthRefused("This sign-in was started by another user: only they can finish it. Start connecting the mailbox again.")
        : new OAuthRefused("This sign-in has expired or was used already: start connecting the mailbox again."));
    OAuthProvider provider = providers.get(started.provider());
    if (provider == null) {
      throw new OAuthRefused("The OAuth provider '" + started.provider() + "' is no longer configured here.");
    }
    TokenEndpoint.Tokens granted = tokens.exchange(provider, code, started.codeVerifier(), redirectUri);
    if (granted.idToken() == null) {
      throw new OAuthRefused("The provider gave no ID token: its configuration must ask for the scope 'openid'.");
    }
    if (granted.refreshToken() == null) {
      throw new OAuthRefused(
          "The provider gave no refresh token, so the mailbox could not stay connected: ask for offline access (Google: access_type=offline and prompt=consent; Microsoft: the offline_access scope).");
    }
    String email = idTokens.verifiedEmail(provider, granted.idToken(), started.nonce());
    Instant expiresAt = clock.instant().plus(granted.expiresIn());
    // Signing in again to a mailbox already connected by this provider renews its grant: the same connection, its
    // folders and its cursors, syncing again.
    var existing = connections.list(started.tenantId()).stream()
        .filter(c -> c.oauth() != null && c.oauth().provider().equals(provider.id()) && c.emailAddress().equalsIgnoreCase(email)
            && c.ownerUserId().equals(started.userId()))
        .findFirst();
    if (existing.isPresent()) {
      return connections.signInAgain(existing.get(), granted.accessToken(),
          new NewConnection.OAuthTokens(provider.id(), granted.refreshToken(), expiresAt, provider.reconsentAfter()));
    }
    var imap = new ConnectionChanged.Imap(provider.imapHost(), provider.imapPort(), provider.imapSecurity(), email, ImapAuth.XOAUTH2);
    return connections.connect(new NewConnection(started.tenantId(), started.userId(), email, imap, granted.accessToken(), List.of(), null,
        new NewConnection.OAuthTokens(provider.id(), granted.refreshToken(), expiresAt, provider.reconsentAfter())));
  }

  /**
   * Renews the access tokens that expire within {@code ahead}, each claimed by this instance first, so that no two
   * refresh one grant at once. A grant the provider will not renew any more waits for its owner (REAUTH_REQUIRED, and
   * the CRM is told); any other failure is tried again next round.
   *
   * @return how many were renewed
   */
  public int refreshDue(Duration ahead, int limit) {
    int renewed = 0;
    for (Connection due : connections.dueForRefresh(ahead, limit)) {
      try {
        if (refresh(due) == Outcome.RENEWED) {
          renewed++;
        }
      } catch (ConnectionPublisher.PublishFailed e) {
        // Stored with its mark: the republisher publishes it.
        log.warn("Connection {}: its renewed sign-in is stored but not yet published ({})", due.id(), e.getMessage());
      } catch (RuntimeException e) {
        // One connection (deleted meanwhile, a secret no key opens) must not stop the others' renewal.
        log.error("Connection {}: its OAuth access token could not be renewed ({})", due.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    return renewed;
  }

  /**
   * A sync worker reports that the mail server refused the connection's access token, named by its fingerprint: unless
   * a newer one is held already, or this one was obtained moments ago, it is renewed now (one refresh at a time, as every
   * refresh) and published.
   */
  public AccessTokenRejection.Answer accessTokenRejected(String tenantId, String connectionId, String tokenFingerprint) {
    Connection current = connections.get(tenantId, connectionId);
    if (current.oauth() == null) {
      throw new NotSignedInByOAuth(connectionId);
    }
    if (current.status() == com.emailsync.connection.mailbox.ConnectionStatus.REAUTH_REQUIRED) {
      return new AccessTokenRejection.Answer(Outcome.REAUTH_REQUIRED, "The owner must sign in again; the CRM was told.");
    }
    if (!AccessTokenRejection.fingerprint(connections.accessTokenOf(current)).equals(tokenFingerprint)) {
      return new AccessTokenRejection.Answer(Outcome.ALREADY_RENEWED, "A newer access token is held, and published to the workers.");
    }
    if (current.oauth().accessTokenObtainedAt().isAfter(clock.instant().minus(renewRefusedTokenAfter))) {
      return new AccessTokenRejection.Answer(Outcome.RENEWED_RECENTLY,
          "The token was obtained less than " + renewRefusedTokenAfter + " ago: the mail server refuses the account, not the token.");
    }
    try {
      Outcome outcome = refresh(current);
      return new AccessTokenRejection.Answer(outcome, switch (outcome) {
        case RENEWED -> "A new access token is published to the workers.";
        case REAUTH_REQUIRED -> "The provider would not renew the grant: the owner must sign in again; the CRM was told.";
        case ALREADY_RENEWED -> "The owner signed in again meanwhile: that grant is published.";
        default -> "The provider could not be asked now, or another instance is renewing the token: it is renewed shortly.";
      });
    } catch (ConnectionPublisher.PublishFailed e) {
      return new AccessTokenRejection.Answer(Outcome.RENEWED, "A new access token is stored and published as soon as the event broker takes it.");
    }
  }

  /**
   * Tells the CRM of every mailbox whose provider asks its owner to consent again within {@code ahead} (Google, six
   * months after the sign-in), once per sign-in, so the owner can sign in again before the mailbox stops syncing.
   *
   * @return how many were announced
   */
  public int announceReauthDue(Duration ahead, int limit) {
    int announced = 0;
    for (Connection due : connections.dueForReauthAnnouncement(ahead, limit)) {
      String provider = due.oauth().provider();
      String date = java.time.format.DateTimeFormatter.ISO_LOCAL_DATE.format(due.oauth().reauthDueAt().atZone(java.time.ZoneOffset.UTC));
      try {
        connections.announceReauth(due, "%s asks for consent again at regular intervals: sign in with %s again before %s to keep the mailbox syncing."
            .formatted(provider, provider, date));
        announced++;
      } catch (ConnectionPublisher.PublishFailed e) {
        // Not marked: the next round announces it again.
        log.warn("Connection {}: the coming re-consent could not be announced now ({})", due.id(), e.getMessage());
      }
    }
    return announced;
  }

  /** An OAuth operation on a mailbox connected with a password. */
  public static final class NotSignedInByOAuth extends RuntimeException {
    NotSignedInByOAuth(String connectionId) {
      super("Connection " + connectionId + " logs in with a password, not an OAuth access token.");
    }
  }

  private Outcome refresh(Connection due) throws ConnectionPublisher.PublishFailed {
    OAuthProvider provider = providers.get(due.oauth().provider());
    if (provider == null || !connections.claimRefresh(due, clock.instant().plus(REFRESH_CLAIM))) {
      return Outcome.NOT_RENEWED_NOW;
    }
    TokenEndpoint.Tokens renewedTokens;
    try {
      renewedTokens = tokens.refresh(provider, connections.refreshTokenOf(due));
    } catch (TokenEndpoint.GrantRevoked revoked) {
      if (!connections.holdsSameGrant(due)) {
        return Outcome.ALREADY_RENEWED;
      }
      try {
        connections.requireReauth(due, revoked.getMessage() + " Sign in with " + provider.id() + " again to keep the mailbox syncing.");
        return Outcome.REAUTH_REQUIRED;
      } catch (ConnectionPublisher.PublishFailed e) {
        // Neither told nor marked: once the claim runs out, the next round is refused again and tells again.
        log.warn("Connection {}: its revoked grant could not be announced now ({})", due.id(), e.getMessage());
        return Outcome.NOT_RENEWED_NOW;
      } catch (MailboxConnections.GrantReplaced replaced) {
        return Outcome.ALREADY_RENEWED;
      }
    } catch (OAuthRefused unreachable) {
      // The provider is down or slows us down: the claim runs out and the next round tries again.
      log.warn("Connection {}: the provider did not renew its access token now ({})", due.id(), unreachable.getMessage());
      return Outcome.NOT_RENEWED_NOW;
    }
    try {
      connections.renewAccessToken(due, renewedTokens.accessToken(), renewedTokens.refreshToken(), clock.instant().plus(renewedTokens.expiresIn()),
          provider.reconsentAfter());
      return Outcome.RENEWED;
    } catch (MailboxConnections.GrantReplaced replaced) {
      // The owner signed in again meanwhile: that grant is newer than this refresh.
      return Outcome.ALREADY_RENEWED;
    }
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OAuthConnections.class);

  /** How long one instance keeps a grant's refresh to itself. */
  static final Duration REFRESH_CLAIM = Duration.ofMinutes(2);

  /** {@code <id>.<expiry>.<tag>}: the tag is an HMAC of the rest, so a state cannot be made or stretched outside. */
  private String state(String id, Instant expiresAt) {
    String signed = id + "." + expiresAt.getEpochSecond();
    return signed + "." + stateSigner.tag(signed, STATE_PURPOSE);
  }

  private String verifiedId(String state) throws OAuthRefused {
    String[] parts = state.split("\\.");
    if (parts.length != 3) {
      throw new OAuthRefused("The sign-in's state is not one this service made: start connecting the mailbox again.");
    }
    String signed = parts[0] + "." + parts[1];
    byte[] expected = stateSigner.tag(signed, STATE_PURPOSE).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
      throw new OAuthRefused("The sign-in's state is not one this service made: start connecting the mailbox again.");
    }
    try {
      if (Instant.ofEpochSecond(Long.parseLong(parts[1])).isBefore(clock.instant())) {
        throw new OAuthRefused("This sign-in has expired: start connecting the mailbox again.");
      }
    } catch (NumberFormatException e) {
      throw new OAuthRefused("The sign-in's state is not one this service made: start connecting the mailbox again.");
    }
    return parts[0];
  }

  private static final String STATE_PURPOSE = "oauth-state";

  /** RFC 7636: the S256 challenge of a verifier. */
  static String challenge(String verifier) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private String randomToken(int bytes) {
    byte[] value = new byte[bytes];
    random.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  /** {@code application/x-www-form-urlencoded}, as an authorization request's query and a token request's body are. */
  public static String form(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
