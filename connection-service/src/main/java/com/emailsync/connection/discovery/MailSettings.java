package com.emailsync.connection.discovery;

import com.emailsync.events.ImapSecurity;
import org.jspecify.annotations.Nullable;

/**
 * The IMAP settings suggested for an address, and how to sign in: offered to the user to confirm, never applied
 * without them.
 *
 * @param source where the suggestion comes from: a provider known here, the domain's SRV records (RFC 6186), or its MX
 *     records naming a known provider
 * @param provider the provider's name, or the domain for settings read from its SRV records
 * @param signIn how the provider wants users to sign in
 * @param note what the user needs to know first (an app password, IMAP to switch on), or null
 */
public record MailSettings(
    String host, int port, ImapSecurity security, SignIn signIn, Source source, String provider, @Nullable String note) {

  public enum Source {
    PRESET,
    SRV,
    MX
  }

  public enum SignIn {
    /** The mailbox's password. */
    PASSWORD,
    /** An app password: the provider refuses the account password over IMAP, or once two-step verification is on. */
    APP_PASSWORD,
    /** OAuth with Google (a password only where the administrator allows it, and then an app password). */
    OAUTH_GOOGLE,
    /** OAuth with Microsoft: Microsoft has switched passwords off for IMAP. */
    OAUTH_MICROSOFT
  }

  MailSettings from(Source from) {
    return new MailSettings(host, port, security, signIn, from, provider, note);
  }
}
