package com.emailsync.events;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One email as synced: headers, bodies capped at the worker's limit ({@code bodyTruncated} says when), and attachment
 * metadata.
 *
 * @param messageId the RFC 5322 Message-ID without angle brackets; when the mail has none, the worker derives a stable
 *     one from the sender, date and subject, so duplicates across folders still collapse
 * @param headers thread and machine-sender headers (optional on the wire)
 * @param gmail Gmail's ids and labels of the message, when the server is Gmail's (absent elsewhere)
 */
public record MailMessage(
    String messageId,
    @Nullable String subject,
    Instant sentAt,
    EmailAddress from,
    List<EmailAddress> to,
    List<EmailAddress> cc,
    List<EmailAddress> bcc,
    @Nullable String textBody,
    @Nullable String htmlBody,
    boolean bodyTruncated,
    List<AttachmentInfo> attachments,
    MailHeaders headers,
    @Nullable GmailIds gmail) {

  public MailMessage {
    Require.text(messageId, "messageId");
    Require.present(sentAt, "sentAt");
    Require.present(from, "from");
    to = Require.list(to);
    cc = Require.list(cc);
    bcc = Require.list(bcc);
    attachments = Require.list(attachments);
    headers = headers == null ? MailHeaders.NONE : headers;
  }

  /** A message from a server other than Gmail's. */
  public MailMessage(
      String messageId,
      @Nullable String subject,
      Instant sentAt,
      EmailAddress from,
      List<EmailAddress> to,
      List<EmailAddress> cc,
      List<EmailAddress> bcc,
      @Nullable String textBody,
      @Nullable String htmlBody,
      boolean bodyTruncated,
      List<AttachmentInfo> attachments,
      MailHeaders headers) {
    this(messageId, subject, sentAt, from, to, cc, bcc, textBody, htmlBody, bodyTruncated, attachments, headers, null);
  }

  /** A message whose headers beyond the participants were not read. */
  public MailMessage(
      String messageId,
      @Nullable String subject,
      Instant sentAt,
      EmailAddress from,
      List<EmailAddress> to,
      List<EmailAddress> cc,
      List<EmailAddress> bcc,
      @Nullable String textBody,
      @Nullable String htmlBody,
      boolean bodyTruncated,
      List<AttachmentInfo> attachments) {
    this(messageId, subject, sentAt, from, to, cc, bcc, textBody, htmlBody, bodyTruncated, attachments, MailHeaders.NONE);
  }

  /** Everyone on the message once, sender first. */
  public List<EmailAddress> participants() {
    return Stream.of(List.of(from), to, cc, bcc).flatMap(List::stream).distinct().toList();
  }

  /** The same message describing only its first {@code kept} attachments, flagged as truncated. */
  public MailMessage withAttachmentsCut(int kept) {
    return new MailMessage(messageId, subject, sentAt, from, to, cc, bcc, textBody, htmlBody, true, attachments.subList(0, Math.min(kept, attachments.size())), headers, gmail);
  }

  /** The same message with shorter (or no) bodies, flagged as truncated. */
  public MailMessage withBodiesCut(@Nullable String text, @Nullable String html) {
    return new MailMessage(messageId, subject, sentAt, from, to, cc, bcc, text, html, true, attachments, headers, gmail);
  }

  /** The same message with what Gmail says of it. */
  public MailMessage withGmail(@Nullable GmailIds ids) {
    return new MailMessage(messageId, subject, sentAt, from, to, cc, bcc, textBody, htmlBody, bodyTruncated, attachments, headers, ids);
  }
}
