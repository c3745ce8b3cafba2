package com.emailsync.automation.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as Standard Webhooks defines them (https://www.standardwebhooks.com): HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>} with the secret's key, base64, prefixed {@code v1,}; one per active
 * secret, space-separated, so a receiver that knows either secret of a rotation verifies. The timestamp inside the
 * signed text lets receivers refuse replays.
 */
public final class WebhookSignature {

  private WebhookSignature() {}

  /** The {@code webhook-signature} header for this message, signed with each secret. */
  public static String header(String id, long timestampSeconds, String body, List<String> secrets) {
    return secrets.stream().map(secret -> "v1," + sign(id, timestampSeconds, body, secret)).collect(Collectors.joining(" "));
  }

  /** One signature, base64. */
  public static String sign(String id, long timestampSeconds, String body, String secret) {
    String key = secret.startsWith(WebhookEndpoints.SECRET_PREFIX) ? secret.substring(WebhookEndpoints.SECRET_PREFIX.length()) : secret;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
      byte[] signature = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
