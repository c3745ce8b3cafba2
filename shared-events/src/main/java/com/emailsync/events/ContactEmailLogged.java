package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An email was added to a contact's history, once per contact and message.
 *
 * @param role how the contact took part: the sender, or a recipient
 * @param sourceEventId the email event the entry was made from
 * @param origin {@code CATCH_UP} when the mail was sent before the contact had this address in the CRM and was logged
 *     later (no automation fires on it); {@code LIVE} otherwise
 * @param threadKey the key every mail of its thread shares (the thread's first Message-ID), for lead scoring and
 *     replies; absent in events from before the field
 * @param senderIsContact whether the contact wrote it (role {@code FROM}), whichever copy was synced
 * @param autoReply sent by a machine answering (out-of-office, auto-responder, bounce, receipt)
 * @param bulk sent to many (mailing list, newsletter, campaign)
 * @param sentByAutomation sent by one of the CRM's automations (marked {@code X-Emailsync-Automation}): it never fires
 *     one, so two automations cannot answer each other for ever
 * @param folder the folder of the copy it was logged from; absent in events from before the field
 */
public record ContactEmailLogged(
    UUID eventId,
    Instant occurredAt,
    String entryId,
    String tenantId,
    String contactId,
    String connectionId,
    EmailEvent.Direction direction,
    Role role,
    String messageId,
    @Nullable String subject,
    EmailAddress from,
    Instant sentAt,
    UUID sourceEventId,
    MailOrigin origin,
    @Nullable String threadKey,
    boolean senderIsContact,
    boolean autoReply,
    boolean bulk,
    boolean sentByAutomation,
    @Nullable String folder)
    implements DomainEvent {

  public static final String TYPE = "emailsync.contact.email-logged.v1";

  public ContactEmailLogged {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(entryId, "entryId");
    Require.text(tenantId, "tenantId");
    Require.text(contactId, "contactId");
    // Rejects a tenant id the key could not carry, here rather than when the event is sent.
    new ContactKey(tenantId, contactId);
    Require.text(connectionId, "connectionId");
    Require.present(direction, "direction");
    Require.present(role, "role");
    Require.text(messageId, "messageId");
    Require.present(from, "from");
    Require.present(sentAt, "sentAt");
    Require.present(sourceEventId, "sourceEventId");
    origin = MailOrigin.orLive(origin);
    senderIsContact = role == Role.FROM;
  }

  /** An entry logged as the mail arrived. */
  public ContactEmailLogged(
      UUID eventId,
      Instant occurredAt,
      String entryId,
      String tenantId,
      String contactId,
      String connectionId,
      EmailEvent.Direction direction,
      Role role,
      String messageId,
      @Nullable String subject,
      EmailAddress from,
      Instant sentAt,
      UUID sourceEventId) {
    this(eventId, occurredAt, entryId, tenantId, contactId, connectionId, direction, role, messageId, subject, from, sentAt, sourceEventId, MailOrigin.LIVE);
  }

  /** An entry with its origin, and nothing read about its thread or sender. */
  public ContactEmailLogged(
      UUID eventId,
      Instant occurredAt,
      String entryId,
      String tenantId,
      String contactId,
      String connectionId,
      EmailEvent.Direction direction,
      Role role,
      String messageId,
      @Nullable String subject,
      EmailAddress from,
      Instant sentAt,
      UUID sourceEventId,
      MailOrigin origin) {
    this(eventId, occurredAt, entryId, tenantId, contactId, connectionId, direction, role, messageId, subject, from, sentAt, sourceEventId, origin, null, false, false, false);
  }

  /** An entry as logged before automation marks and folders were read. */
  public ContactEmailLogged(
      UUID eventId,
      Instant occurredAt,
      String entryId,
      String tenantId,
      String contactId,
      String connectionId,
      EmailEvent.Direction direction,
      Role role,
      String messageId,
      @Nullable String subject,
      EmailAddress from,
      Instant sentAt,
      UUID sourceEventId,
      MailOrigin origin,
      @Nullable String threadKey,
      boolean senderIsContact,
      boolean autoReply,
      boolean bulk) {
    this(eventId, occurredAt, entryId, tenantId, contactId, connectionId, direction, role, messageId, subject, from, sentAt, sourceEventId, origin,
        threadKey, senderIsContact, autoReply, bulk, false, null);
  }

  /** The mail event it was logged from. */
  @Override
  public java.util.Optional<String> causeId() {
    return java.util.Optional.of(sourceEventId.toString());
  }

  /** The contact's key, {@code <tenantId>/<contactId>}: contacts are numbered per tenant. */
  @Override
  public String aggregateId() {
    return contactKey().value();
  }

  public ContactKey contactKey() {
    return new ContactKey(tenantId, contactId);
  }

  /** True when the contact wrote this mail to the connected account: what "contact sends you an email" means. */
  public boolean contactSentIt() {
    return direction == EmailEvent.Direction.RECEIVED && role == Role.FROM;
  }

  public enum Role {
    FROM,
    TO,
    CC,
    BCC
  }
}
