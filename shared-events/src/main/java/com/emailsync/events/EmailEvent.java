package com.emailsync.events;

import java.util.List;

/** An email synced from a mailbox, received or sent; the direction is in the event type. */
public sealed interface EmailEvent extends DomainEvent permits EmailReceived, EmailSent {

  String connectionId();

  String tenantId();

  String ownerUserId();

  MailboxLocation location();

  MailMessage message();

  MailOrigin origin();

  /**
   * The connected account's own addresses (its login address and aliases): never a contact, whoever the CRM says has
   * them. Empty in events from before the field.
   */
  List<String> accountAddresses();

  Direction direction();

  /** The same event about a changed message (bodies cut to fit a size limit, say). */
  EmailEvent withMessage(MailMessage message);

  @Override
  default String aggregateId() {
    return connectionId();
  }

  enum Direction {
    RECEIVED,
    SENT
  }
}
