package com.emailsync.contacthistory.catchup;

import com.emailsync.contacthistory.contacts.Addresses;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailboxLocation;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the index keeps of a synced mail: who took part and where to read it again, never its subject or bodies.
 *
 * @param addresses every participant, compared loosely ({@link Addresses#loose}): a superset of what either way of
 *     matching finds, narrowed when the re-read mail is logged
 */
public record IndexedMail(
    String tenantId, String messageId, String connectionId, MailboxLocation location, Instant sentAt, Set<String> addresses) {

  public IndexedMail {
    addresses = Set.copyOf(addresses);
  }

  public static IndexedMail of(EmailEvent email) {
    return new IndexedMail(
        email.tenantId(),
        email.message().messageId(),
        email.connectionId(),
        email.location(),
        email.message().sentAt(),
        email.message().participants().stream().map(a -> Addresses.loose(a.address())).collect(Collectors.toSet()));
  }
}
