package com.emailsync.contacthistory;

import com.emailsync.contacthistory.history.HistoryEntry;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.StableId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** History entries for tests: one contact's copy of one message, made from a given source event. */
public final class HistoryEntryMother {

  private HistoryEntryMother() {}

  public static HistoryEntry entry(String tenantId, String contactId, String messageId, UUID sourceEventId, Instant sentAt) {
    return entry(tenantId, contactId, messageId, sourceEventId, sentAt, EmailEvent.Direction.RECEIVED, "conn-1", "text");
  }

  public static HistoryEntry entry(
      String tenantId, String contactId, String messageId, UUID sourceEventId, Instant sentAt, EmailEvent.Direction direction,
      String connectionId, String textBody) {
    return new HistoryEntry(
        StableId.of(tenantId, contactId, messageId),
        tenantId,
        contactId,
        connectionId,
        direction,
        ContactEmailLogged.Role.FROM,
        messageId,
        "Subject of " + messageId,
        EmailAddress.of("carla@customer.example"),
        List.of(EmailAddress.of("sam@acme.example")),
        List.of(),
        sentAt,
        "snippet",
        textBody,
        null,
        false,
        List.of(),
        sourceEventId,
        MailOrigin.LIVE,
        messageId,
        false,
        false,
        false,
        "INBOX");
  }
}
