package com.emailsync.syncworker.sync.imap;

import com.emailsync.events.AttachmentInfo;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.MailHeaders;
import com.emailsync.events.MailMessage;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a MIME message into the event's {@link MailMessage}: participants, the first text and HTML bodies (capped),
 * and what each attachment is. A part that cannot be decoded is skipped rather than losing the whole message.
 */
public final class MimeMailParser {

  private static final EmailAddress UNKNOWN_SENDER = EmailAddress.of("unknown-sender@invalid");
  private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");

  private final int bodyLimit;

  /** @param bodyLimit characters kept of each body; longer bodies are cut and flagged */
  public MimeMailParser(int bodyLimit) {
    this.bodyLimit = bodyLimit;
  }

  public MailMessage parse(MimeMessage message, Instant receivedAt) throws MessagingException {
    var bodies = new Bodies();
    try {
      walk(message, bodies);
    } catch (IOException | MessagingException e) {
      bodies.unreadable = true;
    }
    List<EmailAddress> from = addresses(message.getFrom());
    Instant sentAt = message.getSentDate() == null ? receivedAt : message.getSentDate().toInstant();
    EmailAddress sender = from.isEmpty() ? UNKNOWN_SENDER : from.getFirst();
    return new MailMessage(
        messageId(message, sender, sentAt),
        message.getSubject(),
        sentAt,
        sender,
        addresses(message.getRecipients(Message.RecipientType.TO)),
        addresses(message.getRecipients(Message.RecipientType.CC)),
        addresses(message.getRecipients(Message.RecipientType.BCC)),
        cap(bodies.text),
        cap(bodies.html),
        isLong(bodies.text) || isLong(bodies.html) || bodies.unreadable,
        bodies.attachments,
        headers(message));
  }

  /** Thread and machine-sender headers; one that cannot be read is left out rather than failing the message. */
  static MailHeaders headers(MimeMessage message) {
    try {
      return new MailHeaders(
          firstId(header(message, "In-Reply-To")),
          ids(header(message, "References")),
          header(message, "Auto-Submitted"),
          header(message, "Precedence"),
          header(message, "List-Id"),
          header(message, "List-Unsubscribe") != null,
          header(message, "X-Autoreply") != null || header(message, "X-Autorespond") != null,
          message.isMimeType("multipart/report"));
    } catch (MessagingException e) {
      return MailHeaders.NONE;
    }
  }

  private static @Nullable String header(MimeMessage message, String name) throws MessagingException {
    String value = message.getHeader(name, " ");
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Message-IDs of a References or In-Reply-To header, in order, without angle brackets. */
  private static List<String> ids(@Nullable String header) {
    if (header == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    var matcher = MESSAGE_ID.matcher(header);
    while (matcher.find()) {
      ids.add(matcher.group(1));
    }
    return ids;
  }

  private static @Nullable String firstId(@Nullable String header) {
    List<String> ids = ids(header);
    return ids.isEmpty() ? null : ids.getFirst();
  }

  private void walk(Part part, Bodies bodies) throws MessagingException, IOException {
    String disposition = part.getDisposition();
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null;
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        walk(child, bodies);
      }
    } else if (!attachment && part.isMimeType("text/plain") && bodies.text == null) {
      bodies.text = String.valueOf(part.getContent());
    } else if (!attachment && part.isMimeType("text/html") && bodies.html == null) {
      bodies.html = String.valueOf(part.getContent());
    } else if (attachment || !part.isMimeType("text/*")) {
      bodies.attachments.add(
          new AttachmentInfo(
              part.getFileName(),
              new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT),
              Math.max(0, part.getSize()),
              Part.INLINE.equalsIgnoreCase(disposition)));
    }
  }

  /**
   * The Message-ID without angle brackets; a message without one gets an id derived from what identifies it, so the
   * same mail seen in two folders still counts once.
   */
  static String messageId(MimeMessage message, EmailAddress sender, Instant sentAt) throws MessagingException {
    String id = message.getMessageID();
    if (id != null && !id.isBlank()) {
      return id.strip().replaceAll("^<|>$", "");
    }
    String basis = sender.address() + "|" + sentAt + "|" + Objects.toString(message.getSubject(), "");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
      return "derived-" + HexFormat.of().formatHex(digest, 0, 16) + "@emailsync.invalid";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<EmailAddress> addresses(Address @Nullable [] addresses) {
    if (addresses == null) {
      return List.of();
    }
    return Arrays.stream(addresses)
        .filter(InternetAddress.class::isInstance)
        .map(InternetAddress.class::cast)
        .filter(address -> address.getAddress() != null && address.getAddress().contains("@"))
        .map(address -> new EmailAddress(address.getPersonal(), address.getAddress()))
        .toList();
  }

  private @Nullable String cap(@Nullable String body) {
    return body == null || body.length() <= bodyLimit ? body : body.substring(0, bodyLimit);
  }

  private boolean isLong(@Nullable String body) {
    return body != null && body.length() > bodyLimit;
  }

  private static final class Bodies {
    @Nullable String text;
    @Nullable String html;
    boolean unreadable;
    final List<AttachmentInfo> attachments = new ArrayList<>();
  }
}
