package com.emailsync.automation.webhook;

/** Port: whether a URL may be called, checked before any connect (a stub resolver in tests). */
public interface WebhookUrls {

  /** @throws WebhookUrlRefused when it may not */
  void check(String url);
}
