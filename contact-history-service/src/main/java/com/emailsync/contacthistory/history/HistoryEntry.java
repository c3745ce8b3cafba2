package com.emailsync.contacthistory.history;

import com.emailsync.events.AttachmentInfo;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.ContactKey;
import com.emailsync.events.StableId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One email in one contact's history.
 *
 * @param id stable: derived from tenant, contact and Message-ID, so the same mail is stored once per contact
 * @param sourceEventId the email event it was made from; a redelivery of that event is recognised by it
 * @param origin {@code CATCH_UP} for mail sent before the contact had the address in the CRM, logged later
 * @param threadKey the key every mail of its thread shares
 * @param autoReply sent by a machine answering (out-of-office, bounce)
 * @param bulk sent to many (list, newsletter)
 * @param sentByAutomation sent by one of the CRM's automations ({@code X-Emailsync-Automation})
 * @param folder the folder of the copy it was logged from; null for entries from before it was kept
 */
public record HistoryEntry(
    String id,
    String tenantId,
    String contactId,
    String connectionId,
    EmailEvent.Direction direction,
    ContactEmailLogged.Role role,
    String messageId,
    @Nullable String subject,
    EmailAddress from,
    List<EmailAddress> to,
    List<EmailAddress> cc,
    Instant sentAt,
    String snippet,
    @Nullable String textBody,
    @Nullable String htmlBody,
    boolean bodyTruncated,
    List<AttachmentInfo> attachments,
    UUID sourceEventId,
    MailOrigin origin,
    @Nullable String threadKey,
    boolean autoReply,
    boolean bulk,
    boolean sentByAutomation,
    @Nullable String folder) {

  /**
   * The mail's text: its text body, or the text an HTML parser reads from its HTML body (entities decoded, scripts,
   * styles and comments left out, which a tag-stripping regex gets wrong), whitespace collapsed; empty when neither is
   * kept.
   */
  public String plainText() {
    return plainText(textBody, htmlBody);
  }

  static String plainText(@Nullable String textBody, @Nullable String htmlBody) {
    String source = textBody != null ? textBody : htmlBody == null ? "" : org.jsoup.Jsoup.parse(htmlBody).text();
    return source.replaceAll("\\s+", " ").strip();
  }

  public ContactKey contactKey() {
    return new ContactKey(tenantId, contactId);
  }

  /** The same mail in another contact's history (the survivor of a merge): its id follows the contact. */
  public HistoryEntry forContact(String otherContactId) {
    return new HistoryEntry(
        StableId.of(tenantId, otherContactId, messageId), tenantId, otherContactId, connectionId, direction, role, messageId, subject, from, to, cc,
        sentAt, snippet, textBody, htmlBody, bodyTruncated, attachments, sourceEventId, origin, threadKey, autoReply, bulk, sentByAutomation, folder);
  }
}
