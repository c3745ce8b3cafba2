package com.emailsync.contacthistory.catchup;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailboxLocation;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the index keeps of a synced mail: who took part and where to read it again, never its subject or bodies.
 *
 * @param addresses every participant, normalized as contacts' addresses are
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
        email.message().participants().stream().map(a -> a.address()).collect(Collectors.toSet()));
  }
}
