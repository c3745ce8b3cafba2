package com.emailsync.syncworker;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Raw RFC 5322 mails for appending to a real IMAP server. */
final class MailFixtures {

  private MailFixtures() {}

  static String mail(String messageId, String from, String to, String subject) {
    return """
        Message-ID: <%s>
        Date: Sun, 22 Nov 2026 09:29:00 +0000
        From: %s
        To: %s
        Subject: %s
        Content-Type: text/plain; charset=UTF-8

        Hello from %s.
        """
        .formatted(messageId, from, to, subject, from)
        .replace("\n", "\r\n");
  }

  /** A message written by hand, with CRLF line ends: for mail no library would build. */
  static String raw(String rfc5322) {
    return rfc5322.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  /** A text body and one attachment of the given size, built by Jakarta Mail as a mail client would. */
  static String withAttachment(String messageId, String from, String to, String text, String fileName, int attachmentBytes) {
    try {
      var message =
          new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
              setHeader("Message-ID", "<" + messageId + ">");
            }
          };
      message.setFrom(from);
      message.setRecipients(Message.RecipientType.TO, to);
      message.setSubject("With attachment");
      var body = new MimeBodyPart();
      body.setText(text, "UTF-8");
      var attachment = new MimeBodyPart();
      attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[attachmentBytes], "application/pdf")));
      attachment.setFileName(fileName);
      attachment.setDisposition(Part.ATTACHMENT);
      message.setContent(new MimeMultipart(body, attachment));
      message.saveChanges();
      var out = new ByteArrayOutputStream();
      message.writeTo(out);
      return out.toString(StandardCharsets.US_ASCII);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
