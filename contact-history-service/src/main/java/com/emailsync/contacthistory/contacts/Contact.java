package com.emailsync.contacthistory.contacts;

import com.emailsync.events.ContactKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A CRM contact as the directory knows it.
 *
 * @param addresses normalized as participants are, so that matching is a plain lookup
 * @param knownSince when the CRM first had each address on this contact: mail sent before that is history caught up
 *     on later, mail sent after it is news even if the directory learned of the contact late
 */
public record Contact(ContactKey key, @Nullable String name, List<String> addresses, Map<String, Instant> knownSince) {

  public Contact {
    addresses = List.copyOf(addresses);
    knownSince = Map.copyOf(knownSince);
  }

  /** A contact whose addresses are all known since the same instant. */
  public static Contact asOf(ContactKey key, @Nullable String name, List<String> addresses, Instant since) {
    return new Contact(key, name, addresses, allSince(addresses, since));
  }

  /** A contact known for ever: all of its mail is news. */
  public Contact(ContactKey key, @Nullable String name, List<String> addresses) {
    this(key, name, addresses, allSince(addresses, Instant.EPOCH));
  }

  private static Map<String, Instant> allSince(List<String> addresses, Instant since) {
    Map<String, Instant> knownSince = new HashMap<>();
    addresses.forEach(address -> knownSince.put(address, since));
    return knownSince;
  }

  /** This state of the contact, keeping for each address it already had the time it was first known. */
  public Contact keepingWhenKnown(Contact before) {
    Map<String, Instant> since = new HashMap<>(knownSince);
    for (String address : addresses) {
      if (before.addresses().contains(address)) {
        since.put(address, before.knownSince(address));
      }
    }
    return new Contact(key, name, addresses, since);
  }

  public Instant knownSince(String address) {
    return knownSince.getOrDefault(address, Instant.EPOCH);
  }

  public String tenantId() {
    return key.tenantId();
  }

  public String contactId() {
    return key.contactId();
  }
}
