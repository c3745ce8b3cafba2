package com.emailsync.automation.webhook.http;

import com.emailsync.automation.webhook.WebhookUrlRefused;
import com.emailsync.automation.webhook.WebhookUrls;
import com.emailsync.events.net.AddressGuard;
import java.net.URI;

/**
 * An endpoint must be HTTPS (plain HTTP only to a host the operator listed), with a host that resolves to public
 * addresses only: the same guard as mail servers, checked here at registration and again at every connect.
 */
public final class GuardedWebhookUrls implements WebhookUrls {

  private final AddressGuard guard;

  public GuardedWebhookUrls(AddressGuard guard) {
    this.guard = guard;
  }

  @Override
  public void check(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new WebhookUrlRefused("Not a URL.");
    }
    String host = uri.getHost();
    if (uri.getScheme() == null || host == null || uri.getUserInfo() != null) {
      throw new WebhookUrlRefused("Give an absolute https URL without credentials in it, like https://crm.example.com/hooks/email-sync.");
    }
    String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && guard.allowedByName(host))) {
      throw new WebhookUrlRefused("Only https endpoints are called (events carry contact data); plain http only to hosts the operator listed.");
    }
    try {
      guard.check(host);
    } catch (AddressGuard.Refused refused) {
      throw new WebhookUrlRefused("The endpoint's host " + refusal(host, refused) + ".");
    }
  }

  /**
   * Why the host is not called, without the address it resolved to: a tenant must not learn the network's internal
   * addresses this way, neither at registration nor from a delivery's last error.
   */
  static String refusal(String host, AddressGuard.Refused refused) {
    return refused.reason() == AddressGuard.Refused.Reason.UNKNOWN_HOST
        ? host + " could not be found (no such host name)"
        : host + " resolves to an address inside a private network, which this service does not call";
  }
}
