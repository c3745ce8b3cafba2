package com.emailsync.events;

/** An email synced from a mailbox, received or sent; the direction is in the event type. */
public sealed interface EmailEvent extends DomainEvent permits EmailReceived, EmailSent {

  String connectionId();

  String tenantId();

  String ownerUserId();

  MailboxLocation location();

  MailMessage message();

  Direction direction();

  @Override
  default String aggregateId() {
    return connectionId();
  }

  enum Direction {
    RECEIVED,
    SENT
  }
}
