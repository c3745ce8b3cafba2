package com.emailsync.localstack.contacts;

import com.emailsync.events.ContactChanged;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One contact as an import states it, before it is checked.
 *
 * @param at where it is in the import, for error messages: {@code line 3} of a CSV file, {@code contacts[2]} of JSON
 * @param attributes the contact's other fields (CSV columns besides the three, JSON {@code attributes}), for automations
 * @param malformed why the row could not even be read (a CSV row with too few cells), or null
 */
record ContactRow(
    String at, @Nullable String contactId, @Nullable String name, List<String> emails, java.util.Map<String, String> attributes, @Nullable String malformed) {

  ContactRow(String at, @Nullable String contactId, @Nullable String name, List<String> emails, java.util.Map<String, String> attributes) {
    this(at, contactId, name, emails, attributes, null);
  }

  static ContactRow malformed(String at, String why) {
    return new ContactRow(at, null, null, List.of(), java.util.Map.of(), why);
  }

  /** All rows become events, or none do: every bad row is reported at once so the whole import can be fixed. */
  static List<ContactChanged> toEvents(String tenantId, List<ContactRow> rows, Instant at) {
    List<ContactChanged> contacts = new ArrayList<>();
    List<InvalidContactsException.Problem> problems = new ArrayList<>();
    for (ContactRow row : rows) {
      try {
        contacts.add(row.toEvent(tenantId, at));
      } catch (IllegalArgumentException e) {
        problems.add(new InvalidContactsException.Problem(row.at(), e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidContactsException(problems);
    }
    return contacts;
  }

  private ContactChanged toEvent(String tenantId, Instant at) {
    if (malformed != null) {
      throw new IllegalArgumentException(malformed);
    }
    if (contactId == null || contactId.isBlank()) {
      throw new IllegalArgumentException("the contact has no contactId");
    }
    List<String> addresses = emails.stream().map(String::trim).filter(e -> !e.isEmpty()).toList();
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("contact '" + contactId + "' has no email address");
    }
    addresses.forEach(this::requireValidAddress);
    return new ContactChanged(UUID.randomUUID(), at, tenantId, contactId.trim(), name == null || name.isBlank() ? null : name.trim(), addresses, attributes);
  }

  private void requireValidAddress(String address) {
    try {
      // Strict RFC 822 syntax, and a bare address only: "Carla <carla@x>" belongs in two columns.
      var parsed = new InternetAddress(address, true);
      if (!parsed.getAddress().equals(address) || !address.contains("@")) {
        throw new AddressException("not a bare address");
      }
    } catch (AddressException e) {
      throw new IllegalArgumentException("contact '" + contactId + "' has an invalid email address '" + address + "'");
    }
  }
}
