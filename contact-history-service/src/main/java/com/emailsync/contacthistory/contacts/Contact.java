package com.emailsync.contacthistory.contacts;

import com.emailsync.events.ContactKey;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A CRM contact as the directory knows it.
 *
 * @param addresses normalized as participants are, so that matching is a plain lookup
 */
public record Contact(ContactKey key, @Nullable String name, List<String> addresses) {

  public Contact {
    addresses = List.copyOf(addresses);
  }

  public String tenantId() {
    return key.tenantId();
  }

  public String contactId() {
    return key.contactId();
  }
}
