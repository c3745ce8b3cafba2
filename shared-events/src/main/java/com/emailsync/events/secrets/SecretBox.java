package com.emailsync.events.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets with AES-256-GCM envelope encryption: each value under a data key of its own, which is sealed under a
 * key-encryption key named by its id in the value ({@code v2:<key id>:<sealed data key>:<sealed value>}). The
 * associated data binds a sealed value to what it belongs to (a {@link CredentialBinding}), so a ciphertext copied
 * elsewhere does not open.
 *
 * <p>Keys rotate: a box holds a current key, with which it seals, and older ones, with which it still opens what they
 * sealed, until every value has been sealed again (the re-seal command) and they are retired. Values sealed before key
 * ids (format v1, one key, the connection id as associated data) still open, under the key named {@link #DEFAULT_KEY_ID}.
 */
public final class SecretBox {

  /** The id of a box's only key when it is given one key without an id. */
  public static final String DEFAULT_KEY_ID = "k1";

  private static final String V1 = "v1:";
  private static final String V2 = "v2:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int DATA_KEY_BYTES = 32;

  private final Map<String, SecretKeySpec> keys;
  private final String currentKeyId;
  private final SecureRandom random = new SecureRandom();

  private SecretBox(Map<String, SecretKeySpec> keys, String currentKeyId) {
    this.keys = Map.copyOf(keys);
    this.currentKeyId = currentKeyId;
  }

  /** @param base64Key 32 random bytes, base64: e.g. {@code openssl rand -base64 32}; its id is {@link #DEFAULT_KEY_ID} */
  public static SecretBox fromBase64Key(String base64Key) {
    return fromKeyring(base64Key);
  }

  /**
   * @param keyring either one base64 key, or {@code id:base64key} entries separated by commas, the current key first
   *     (e.g. {@code k2:...,k1:...} while k1's values are sealed again under k2)
   */
  public static SecretBox fromKeyring(String keyring) {
    Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    String current = null;
    for (String entry : keyring.split(",")) {
      String trimmed = entry.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      String id = colon < 0 ? DEFAULT_KEY_ID : trimmed.substring(0, colon).strip();
      if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
        throw new IllegalArgumentException("a key id is 1 to 32 letters, digits, '_' or '-'");
      }
      if (keys.put(id, key(colon < 0 ? trimmed : trimmed.substring(colon + 1))) != null) {
        throw new IllegalArgumentException("the key id " + id + " is given twice");
      }
      if (current == null) {
        current = id;
      }
    }
    if (current == null) {
      throw new IllegalArgumentException("no key is given");
    }
    return new SecretBox(keys, current);
  }

  private static SecretKeySpec key(String base64Key) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64Key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key is not valid: " + e.getMessage(), e);
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("the key must be 32 bytes (256 bits), base64-encoded; it has " + key.length);
    }
    return new SecretKeySpec(key, "AES");
  }

  /** The id of the key new values are sealed with. */
  public String currentKeyId() {
    return currentKeyId;
  }

  /** Whether the value was sealed with another than the current key (or before key ids), and should be sealed again. */
  public boolean needsResealing(String sealed) {
    return !sealed.startsWith(V2 + currentKeyId + ":");
  }

  public String seal(String plaintext, CredentialBinding binding) {
    return seal(plaintext, binding.associatedData());
  }

  /** @throws SecretUnreadableException when the value was sealed with an unknown key, bound to another, or altered */
  public String open(String sealed, CredentialBinding binding) {
    return sealed.startsWith(V1) ? openV1(sealed, binding.legacyAssociatedData()) : open(sealed, binding.associatedData());
  }

  /** Seals a value bound to {@code boundTo}. */
  public String seal(String plaintext, String boundTo) {
    byte[] dataKey = new byte[DATA_KEY_BYTES];
    random.nextBytes(dataKey);
    byte[] sealedValue = sealed(new SecretKeySpec(dataKey, "AES"), boundTo, plaintext.getBytes(StandardCharsets.UTF_8));
    byte[] sealedKey = sealed(keys.get(currentKeyId), dataKeyAad(currentKeyId, boundTo), dataKey);
    Arrays.fill(dataKey, (byte) 0);
    Base64.Encoder base64 = Base64.getEncoder();
    return V2 + currentKeyId + ":" + base64.encodeToString(sealedKey) + ":" + base64.encodeToString(sealedValue);
  }

  /** @throws SecretUnreadableException when the value was sealed with an unknown key, bound to something else, or altered */
  public String open(String sealed, String boundTo) {
    if (sealed.startsWith(V1)) {
      return openV1(sealed, boundTo);
    }
    if (!sealed.startsWith(V2)) {
      throw new SecretUnreadableException("sealed secret has an unknown format");
    }
    String[] parts = sealed.substring(V2.length()).split(":", -1);
    if (parts.length != 3) {
      throw new SecretUnreadableException("sealed secret has an unknown format");
    }
    SecretKeySpec keyEncryptionKey = keys.get(parts[0]);
    if (keyEncryptionKey == null) {
      throw new SecretUnreadableException("sealed secret names key " + parts[0] + ", which is not configured here");
    }
    byte[] dataKey = opened(keyEncryptionKey, dataKeyAad(parts[0], boundTo), base64(parts[1]));
    try {
      return new String(opened(new SecretKeySpec(dataKey, "AES"), boundTo, base64(parts[2])), StandardCharsets.UTF_8);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** A value sealed before key ids: the whole value under the one key there was. */
  private String openV1(String sealed, String boundTo) {
    SecretKeySpec key = keys.get(DEFAULT_KEY_ID);
    if (key == null) {
      throw new SecretUnreadableException("sealed secret predates key ids and needs key " + DEFAULT_KEY_ID + ", which is not configured here");
    }
    return new String(opened(key, boundTo, base64(sealed.substring(V1.length()))), StandardCharsets.UTF_8);
  }

  /** The data key is bound to its value's binding and to the key id, so neither can be swapped. */
  private static String dataKeyAad(String keyId, String boundTo) {
    return "data-key\u0000" + keyId + "\u0000" + boundTo;
  }

  private byte[] sealed(SecretKeySpec key, String boundTo, byte[] input) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] body = cipher(Cipher.ENCRYPT_MODE, key, iv, boundTo, input);
    byte[] out = new byte[IV_BYTES + body.length];
    System.arraycopy(iv, 0, out, 0, IV_BYTES);
    System.arraycopy(body, 0, out, IV_BYTES, body.length);
    return out;
  }

  private static byte[] opened(SecretKeySpec key, String boundTo, byte[] in) {
    if (in.length <= IV_BYTES) {
      throw new SecretUnreadableException("sealed secret is too short");
    }
    return cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(in, IV_BYTES), boundTo, Arrays.copyOfRange(in, IV_BYTES, in.length));
  }

  private static byte[] base64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new SecretUnreadableException("sealed secret is not base64");
    }
  }

  private static byte[] cipher(int mode, SecretKeySpec key, byte[] iv, String boundTo, byte[] input) {
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

  public String tag(String secret, CredentialBinding binding) {
    return tag(secret, binding.connectionId());
  }

  /**
   * A tag that tells whether two secrets bound to the same thing are the same, without revealing either: HMAC-SHA256
   * under a key derived from this box's current key (never the encryption key itself), base64url. Only a holder of the
   * key can compute or check it, so a tag on a shared topic gives no one a hash to guess passwords against.
   */
  public String tag(String secret, String boundTo) {
    try {
      var derive = javax.crypto.Mac.getInstance("HmacSHA256");
      derive.init(new SecretKeySpec(keys.get(currentKeyId).getEncoded(), "HmacSHA256"));
      byte[] tagKey = derive.doFinal("emailsync secret tag v1".getBytes(StandardCharsets.UTF_8));
      var mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(tagKey, "HmacSHA256"));
      mac.update(boundTo.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The secret cannot be read with the configured keys; the message never contains the secret. */
  public static final class SecretUnreadableException extends RuntimeException {
    public SecretUnreadableException(String message) {
      super(message);
    }
  }
}
