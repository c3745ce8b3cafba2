package com.emailsync.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Ids derived from what makes a thing unique (tenant, contact, message…), so writing the same thing twice lands on the
 * same key: the basis of idempotent, exactly-once writes without distributed transactions.
 */
public final class StableId {

  private StableId() {}

  public static String of(String... parts) {
    return HexFormat.of().formatHex(digest(parts), 0, 16);
  }

  /**
   * The same, as a UUID: for event ids that follow from what the event is about, so that publishing it again (a
   * redelivery, a replay) repeats the same CloudEvent id.
   */
  public static UUID uuid(String... parts) {
    return UUID.nameUUIDFromBytes(digest(parts));
  }

  private static byte[] digest(String... parts) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed, so ("ab","c") and ("a","bc") differ.
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
