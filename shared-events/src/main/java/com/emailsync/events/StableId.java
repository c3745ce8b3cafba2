package com.emailsync.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Ids derived from what makes a thing unique (tenant, contact, message…), so writing the same thing twice lands on the
 * same key: the basis of idempotent, exactly-once writes without distributed transactions.
 */
public final class StableId {

  private StableId() {}

  public static String of(String... parts) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed, so ("ab","c") and ("a","bc") differ.
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
