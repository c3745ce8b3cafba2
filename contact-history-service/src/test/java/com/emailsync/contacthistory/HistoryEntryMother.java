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
    return new HistoryEntry(
        StableId.of(tenantId, contactId, messageId),
        tenantId,
        contactId,
        "conn-1",
        EmailEvent.Direction.RECEIVED,
        ContactEmailLogged.Role.FROM,
        messageId,
        "Subject of " + messageId,
        EmailAddress.of("carla@customer.example"),
        List.of(EmailAddress.of("sam@acme.example")),
        List.of(),
        sentAt,
        "snippet",
        "text",
        null,
        false,
        List.of(),
        sourceEventId,
        MailOrigin.LIVE);
  }
}
