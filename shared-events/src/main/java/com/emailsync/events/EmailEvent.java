package com.emailsync.events;

/** An email synced from a mailbox, received or sent; the direction is in the event type. */
public sealed interface EmailEvent extends DomainEvent permits EmailReceived, EmailSent {

  String connectionId();

  String tenantId();

  String ownerUserId();

  MailboxLocation location();

  MailMessage message();

  MailOrigin origin();

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
