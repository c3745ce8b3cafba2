package com.emailsync.events;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A participant of an email; the address is kept lower-cased so it can be matched against contacts as is. */
public record EmailAddress(@Nullable String name, String address) {

  public EmailAddress {
    address = Require.text(address, "address").trim().toLowerCase(Locale.ROOT);
  }

  public static EmailAddress of(String address) {
    return new EmailAddress(null, address);
  }
}
