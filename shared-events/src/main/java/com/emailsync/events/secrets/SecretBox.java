package com.emailsync.events.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets with AES-256-GCM. The associated data binds a sealed value to what it belongs to (a connection id), so a
 * ciphertext copied onto another connection does not open.
 */
public final class SecretBox {

  private static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private SecretBox(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the key must be 32 bytes (256 bits), base64-encoded; it has " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** @param base64Key 32 random bytes, base64: e.g. {@code openssl rand -base64 32} */
  public static SecretBox fromBase64Key(String base64Key) {
    try {
      return new SecretBox(Base64.getDecoder().decode(base64Key.trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key is not valid: " + e.getMessage(), e);
    }
  }

  public String seal(String plaintext, String boundTo) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] sealed = cipher(Cipher.ENCRYPT_MODE, iv, boundTo, plaintext.getBytes(StandardCharsets.UTF_8));
    byte[] out = new byte[IV_BYTES + sealed.length];
    System.arraycopy(iv, 0, out, 0, IV_BYTES);
    System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
    return PREFIX + Base64.getEncoder().encodeToString(out);
  }

  /** @throws SecretUnreadableException when the value was sealed with another key, bound to something else, or altered */
  public String open(String sealed, String boundTo) {
    if (!sealed.startsWith(PREFIX)) {
      throw new SecretUnreadableException("sealed secret has an unknown format");
    }
    byte[] in;
    try {
      in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new SecretUnreadableException("sealed secret is not base64");
    }
    if (in.length <= IV_BYTES) {
      throw new SecretUnreadableException("sealed secret is too short");
    }
    byte[] iv = java.util.Arrays.copyOf(in, IV_BYTES);
    byte[] body = java.util.Arrays.copyOfRange(in, IV_BYTES, in.length);
    return new String(cipher(Cipher.DECRYPT_MODE, iv, boundTo, body), StandardCharsets.UTF_8);
  }

  private byte[] cipher(int mode, byte[] iv, String boundTo, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // The cause names no secret, but a wrong key or tampering is all the caller can act on.
      throw new SecretUnreadableException("sealed secret does not open with this key");
    }
  }

  /** The secret cannot be read with the configured key; the message never contains the secret. */
  /**
   * A tag that tells whether two secrets bound to the same thing are the same, without revealing either: HMAC-SHA256
   * under a key derived from this box's key (never the encryption key itself), base64url. Only a holder of the key can
   * compute or check it, so a tag on a shared topic gives no one a hash to guess passwords against.
   */
  public String tag(String secret, String boundTo) {
    try {
      var derive = javax.crypto.Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      byte[] tagKey = derive.doFinal("emailsync secret tag v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      var mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(tagKey, "HmacSHA256"));
      mac.update(boundTo.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  public static final class SecretUnreadableException extends RuntimeException {
    public SecretUnreadableException(String message) {
      super(message);
    }
  }
}
