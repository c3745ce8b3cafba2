package com.emailsync.contacthistory.history;

import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailMessage;
import com.emailsync.events.StableId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Map;
import java.util.UUID;

/**
 * Logs an email into the history of every CRM contact taking part in it, exactly once per contact and message; mail
 * with no contact in it is not stored.
 */
public class EmailLogging {

  private static final int SNIPPET_LENGTH = 200;

  private final ContactDirectory contacts;
  private final HistoryRepository history;
  private final ActivityPublisher activity;
  private final Clock clock;

  public EmailLogging(ContactDirectory contacts, HistoryRepository history, ActivityPublisher activity, Clock clock) {
    this.contacts = contacts;
    this.history = history;
    this.activity = activity;
    this.clock = clock;
  }

  /** @return how many entries were newly stored */
  public int log(EmailEvent email) {
    Map<String, ContactEmailLogged.Role> roles = rolesByAddress(email.message());
    int stored = 0;
    for (ContactDirectory.Match contact : contacts.findByEmails(email.tenantId(), roles.keySet())) {
      ContactEmailLogged.Role role = strongestRole(contact, roles);
      HistoryEntry entry = entry(email, contact.contactId(), role);
      HistoryRepository.Stored outcome = history.store(entry);
      if (outcome != HistoryRepository.Stored.DUPLICATE) {
        activity.publish(logged(entry));
      }
      if (outcome == HistoryRepository.Stored.NEW) {
        stored++;
      }
    }
    return stored;
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

  private static ContactEmailLogged.Role strongestRole(ContactDirectory.Match contact, Map<String, ContactEmailLogged.Role> roles) {
    return contact.emails().stream()
        .map(roles::get)
        .filter(Objects::nonNull)
        .min(Enum::compareTo)
        .orElseThrow();
  }

  private static HistoryEntry entry(EmailEvent email, String contactId, ContactEmailLogged.Role role) {
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
        email.eventId());
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
        entry.sourceEventId());
  }

  /** Plain text for a list view: the text body, or the HTML body's text, whitespace collapsed. */
  static String snippet(MailMessage message) {
    String source = message.textBody() != null ? message.textBody() : message.htmlBody() == null ? "" : message.htmlBody().replaceAll("<[^>]*>", " ");
    String collapsed = source.replaceAll("\\s+", " ").strip();
    return collapsed.length() <= SNIPPET_LENGTH ? collapsed : collapsed.substring(0, SNIPPET_LENGTH) + "…";
  }
}
