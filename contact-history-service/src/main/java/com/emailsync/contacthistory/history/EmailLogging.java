package com.emailsync.contacthistory.history;

import com.emailsync.contacthistory.catchup.IndexedMail;
import com.emailsync.contacthistory.catchup.MailIndex;
import com.emailsync.contacthistory.contacts.Contact;
import com.emailsync.contacthistory.contacts.ContactDirectory;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.MailMessage;
import com.emailsync.events.StableId;
import java.time.Clock;
import java.time.Instant;
import org.jsoup.Jsoup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Logs emails into the history of every CRM contact taking part in them, exactly once per contact and message; mail
 * with no contact in it is not stored. Works on a batch: one contact lookup and one bulk write serve all its mail.
 */
public class EmailLogging {

  private static final int SNIPPET_LENGTH = 200;

  private final ContactDirectory contacts;
  private final MailIndex index;
  private final HistoryRepository history;
  private final ActivityPublisher activity;
  private final Clock clock;

  public EmailLogging(
      ContactDirectory contacts, MailIndex index, HistoryRepository history, ActivityPublisher activity, Clock clock) {
    this.contacts = contacts;
    this.index = index;
    this.history = history;
    this.activity = activity;
    this.clock = clock;
  }

  /**
   * @param stored how many entries were newly stored
   * @param rejected emails that could not be turned into entries, by event id, with the reason: they must not hold up
   *     the rest of the batch
   */
  public record Outcome(int stored, Map<UUID, String> rejected) {}

  public Outcome log(List<EmailEvent> emails) {
    Map<UUID, Map<String, ContactEmailLogged.Role>> roles = new HashMap<>();
    Map<String, Set<String>> addressesByTenant = new HashMap<>();
    for (EmailEvent email : emails) {
      Map<String, ContactEmailLogged.Role> byAddress = rolesByAddress(email.message());
      roles.put(email.eventId(), byAddress);
      addressesByTenant.computeIfAbsent(email.tenantId(), t -> new LinkedHashSet<>()).addAll(byAddress.keySet());
    }
    // Every live mail, with or without a contact today: a contact added tomorrow is caught up from this index. Indexed
    // before the contacts are looked up, as a new contact is saved before the index is searched: whichever way the two
    // interleave, one of them sees the other.
    index.add(emails.stream().filter(e -> e.origin() == MailOrigin.LIVE).map(IndexedMail::of).toList());
    Map<String, List<Contact>> contactsByAddress = byTenantAndAddress(contacts.findByAddresses(addressesByTenant));

    List<HistoryEntry> entries = new ArrayList<>();
    Map<UUID, String> rejected = new LinkedHashMap<>();
    for (EmailEvent email : emails) {
      try {
        entries.addAll(entriesOf(email, roles.get(email.eventId()), contactsByAddress));
      } catch (RuntimeException e) {
        rejected.put(email.eventId(), "could not be logged: " + e);
      }
    }

    List<HistoryRepository.Stored> outcomes = history.storeAll(entries);
    List<ContactEmailLogged> news = new ArrayList<>();
    int stored = 0;
    for (int i = 0; i < entries.size(); i++) {
      if (outcomes.get(i) != HistoryRepository.Stored.DUPLICATE) {
        news.add(logged(entries.get(i)));
      }
      if (outcomes.get(i) == HistoryRepository.Stored.NEW) {
        stored++;
      }
    }
    news.forEach(activity::publish);
    return new Outcome(stored, rejected);
  }

  private static List<HistoryEntry> entriesOf(
      EmailEvent email, Map<String, ContactEmailLogged.Role> roles, Map<String, List<Contact>> contactsByAddress) {
    // An address shared by two contacts logs the mail for both; a contact with two addresses on it gets one entry.
    Map<String, Contact> matched = new LinkedHashMap<>();
    for (String address : roles.keySet()) {
      for (Contact contact : contactsByAddress.getOrDefault(key(email.tenantId(), address), List.of())) {
        matched.putIfAbsent(contact.contactId(), contact);
      }
    }
    return matched.values().stream()
        .map(contact -> entry(email, contact.contactId(), strongestRole(contact, roles), originFor(email, contact, roles)))
        .toList();
  }

  private static Map<String, List<Contact>> byTenantAndAddress(List<Contact> found) {
    Map<String, List<Contact>> index = new HashMap<>();
    for (Contact contact : found) {
      for (String address : contact.addresses()) {
        index.computeIfAbsent(key(contact.tenantId(), address), k -> new ArrayList<>()).add(contact);
      }
    }
    return index;
  }

  private static String key(String tenantId, String address) {
    return tenantId + "\n" + address;
  }

  /** Each address once, with its first role in the order From, To, Cc, Bcc. */
  private static Map<String, ContactEmailLogged.Role> rolesByAddress(MailMessage message) {
    Map<String, ContactEmailLogged.Role> roles = new LinkedHashMap<>();
    roles.putIfAbsent(message.from().address(), ContactEmailLogged.Role.FROM);
    message.to().forEach(a -> roles.putIfAbsent(a.address(), ContactEmailLogged.Role.TO));
    message.cc().forEach(a -> roles.putIfAbsent(a.address(), ContactEmailLogged.Role.CC));
    message.bcc().forEach(a -> roles.putIfAbsent(a.address(), ContactEmailLogged.Role.BCC));
    return roles;
  }

  /**
   * Caught-up mail is news all the same when it was sent after the contact (with this address) was in the CRM: the
   * directory merely learned of the contact late (at start-up, under lag). Only mail sent before is old history.
   */
  private static MailOrigin originFor(EmailEvent email, Contact contact, Map<String, ContactEmailLogged.Role> roles) {
    if (email.origin() == MailOrigin.LIVE) {
      return MailOrigin.LIVE;
    }
    Instant knownSince = contact.addresses().stream().filter(roles::containsKey).map(contact::knownSince).min(Instant::compareTo).orElseThrow();
    return email.message().sentAt().isBefore(knownSince) ? MailOrigin.CATCH_UP : MailOrigin.LIVE;
  }

  private static ContactEmailLogged.Role strongestRole(Contact contact, Map<String, ContactEmailLogged.Role> roles) {
    return contact.addresses().stream().map(roles::get).filter(Objects::nonNull).min(Enum::compareTo).orElseThrow();
  }

  private static HistoryEntry entry(EmailEvent email, String contactId, ContactEmailLogged.Role role, MailOrigin origin) {
    MailMessage message = email.message();
    return new HistoryEntry(
        StableId.of(email.tenantId(), contactId, message.messageId()),
        email.tenantId(),
        contactId,
        email.connectionId(),
        email.direction(),
        role,
        message.messageId(),
        message.subject(),
        message.from(),
        message.to(),
        message.cc(),
        message.sentAt(),
        snippet(message),
        message.textBody(),
        message.htmlBody(),
        message.bodyTruncated(),
        message.attachments(),
        email.eventId(),
        origin);
  }

  private ContactEmailLogged logged(HistoryEntry entry) {
    return new ContactEmailLogged(
        UUID.randomUUID(),
        clock.instant(),
        entry.id(),
        entry.tenantId(),
        entry.contactId(),
        entry.connectionId(),
        entry.direction(),
        entry.role(),
        entry.messageId(),
        entry.subject(),
        entry.from(),
        entry.sentAt(),
        entry.sourceEventId(),
        entry.origin());
  }

  /**
   * Plain text for a list view: the text body, or the text an HTML parser reads from the HTML body (entities decoded,
   * scripts, styles and comments left out, which a tag-stripping regex gets wrong), whitespace collapsed.
   */
  static String snippet(MailMessage message) {
    String source =
        message.textBody() != null
            ? message.textBody()
            : message.htmlBody() == null ? "" : Jsoup.parse(message.htmlBody()).text();
    String collapsed = source.replaceAll("\\s+", " ").strip();
    return collapsed.length() <= SNIPPET_LENGTH ? collapsed : collapsed.substring(0, SNIPPET_LENGTH) + "…";
  }
}
