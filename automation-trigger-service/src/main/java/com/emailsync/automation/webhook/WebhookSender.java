package com.emailsync.automation.webhook;

import java.util.List;

/** Port: sends one delivery to its endpoint, signed with each of the given secrets. */
public interface WebhookSender {

  /** @param status the HTTP status; 0 when no answer came (refused, unreachable, timed out) */
  record Outcome(int status, String detail) {
    public boolean delivered() {
      return status >= 200 && status < 300;
    }
  }

  Outcome send(String url, WebhookDelivery delivery, List<String> secrets);
}
