package com.emailsync.automation.webhook;

public final class WebhookEndpointNotFound extends RuntimeException {
  public WebhookEndpointNotFound(String id) {
    super("No webhook endpoint " + id + " in this tenant.");
  }
}
