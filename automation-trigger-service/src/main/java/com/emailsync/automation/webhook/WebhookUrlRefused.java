package com.emailsync.automation.webhook;

/** An endpoint URL this service will not call: not HTTPS, or a host inside a private network (SSRF). */
public final class WebhookUrlRefused extends RuntimeException {
  public WebhookUrlRefused(String message) {
    super(message);
  }
}
