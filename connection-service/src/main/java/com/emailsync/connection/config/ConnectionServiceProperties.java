package com.emailsync.connection.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param secrets keys from the environment or a Kubernetes secret, never from a file in the repository
 * @param mongoDatabase the database that holds connections
 * @param publishTimeout how long a REST call waits for the broker to acknowledge a connection change
 */
@Validated
@ConfigurationProperties("emailsync")
public record ConnectionServiceProperties(
    @NotNull @Valid Secrets secrets,
    @Valid @DefaultValue Imap imap,
    @DefaultValue("emailsync-connections") @NotBlank String mongoDatabase,
    @DefaultValue("10s") Duration publishTimeout,
    @Valid @DefaultValue OAuth oauth) {

  /**
   * @param redirectUri where providers send the user back, as registered with each provider: a CRM page, which hands
   *     the code and state to {@code POST .../connections/oauth/finish} with its user's token
   * @param providers by id ({@code google}, {@code microsoft}, or any OIDC provider)
   * @param renewRefusedTokenAfter a token a sync worker reports refused is renewed at once, unless it was obtained less
   *     than this long ago (then the mailbox refuses the account, not the token, and renewing again would not help)
   * @param announceReauthAhead how long before a provider asks for consent again the CRM is told, to ask the owner
   */
  public record OAuth(
      @DefaultValue("") String redirectUri,
      @DefaultValue java.util.Map<String, @Valid Provider> providers,
      @DefaultValue("5m") Duration renewRefusedTokenAfter,
      @DefaultValue("14d") Duration announceReauthAhead) {}

  /**
   * An OAuth provider whose users connect mailboxes; see the README for Google's and Microsoft's values.
   *
   * @param authorizationParameters more parameters of the authorization request (Google: access_type=offline,
   *     prompt=consent)
   * @param reconsentAfter how long after a sign-in the provider asks the owner to consent again (Google: {@code 180d});
   *     unset: it does not. Counted for each sign-in with the value set at the time
   */
  public record Provider(
      @NotBlank String authorizationUri,
      @NotBlank String tokenUri,
      @NotBlank String jwksUri,
      @NotBlank String issuer,
      @NotBlank String clientId,
      @NotBlank String clientSecret,
      @DefaultValue java.util.List<String> scopes,
      @DefaultValue java.util.Map<String, String> authorizationParameters,
      @NotBlank String imapHost,
      @DefaultValue("993") int imapPort,
      @DefaultValue("SSL") com.emailsync.events.ImapSecurity imapSecurity,
      @org.jspecify.annotations.Nullable Duration reconsentAfter) {

    @Override
    public String toString() {
      return "Provider[issuer=%s, clientId=%s, secret hidden]".formatted(issuer, clientId);
    }
  }

  /**
   * @param atRestKey base64 AES-256 key that seals stored passwords (EMAILSYNC_SECRETS_AT_REST_KEY)
   * @param transportKey base64 AES-256 key shared with the sync workers, sealing passwords in connection events
   *     (EMAILSYNC_SECRETS_TRANSPORT_KEY)
   */
  public record Secrets(@NotBlank String atRestKey, @NotBlank String transportKey) {

    @Override
    public String toString() {
      return "Secrets[keys hidden]";
    }
  }

  /**
   * @param allowedHosts mail servers inside a private network that may be dialled all the same: host names (also in
   *     clear, security NONE) or CIDR ranges. Empty by default: a host resolving to a private, loopback or metadata
   *     address is refused (SSRF)
   */
  public record Imap(
      @DefaultValue("10s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout, @DefaultValue java.util.List<String> allowedHosts) {}
}
