package com.emailsync.syncworker.sync.imap;

import com.emailsync.events.EmailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Header values read the way real mail is written, not the way RFCs wish it were: raw UTF-8 (RFC 6532) decoded as
 * UTF-8, RFC 2047 words decoded where they can be, and address lists read leniently, keeping every address that can be
 * found even when the list around it is broken (an unterminated quote, a stray bracket). Any sender can write any
 * header: a header that cannot be read must cost that header at most, never the message, never the folder.
 */
final class RawHeaders {

  /** Something that looks like an address, for lists no parser accepts. */
  private static final Pattern ADDRESS_LIKE = Pattern.compile("[^\\s<>()\\[\\]\",;:@]+@[^\\s<>()\\[\\]\",;:@]+");

  private static final Pattern BRACKETED = Pattern.compile("<\\s*(" + ADDRESS_LIKE.pattern() + ")\\s*>");

  private RawHeaders() {}

  /**
   * The header's value as sent. Angus Mail reads header bytes one byte per character (ISO-8859-1); where those bytes
   * are UTF-8, as RFC 6532 allows and modern clients send, they are decoded as UTF-8.
   */
  static @Nullable String value(MimeMessage message, String name, @Nullable String delimiter) {
    try {
      String value = message.getHeader(name, delimiter);
      return value == null ? null : utf8Where(value);
    } catch (MessagingException | RuntimeException e) {
      // Headers not read because the server did not send them are no malformed header: the message is tried again.
      if (ServerSideFailure.isServerSide(e)) {
        throw new ServerSideFailure(e);
      }
      return null;
    }
  }

  /** Text of an unstructured header (Subject): unfolded, RFC 2047 words decoded; undecodable words stay as written. */
  static @Nullable String text(MimeMessage message, String name) {
    String raw = value(message, name, null);
    if (raw == null) {
      return null;
    }
    String unfolded = MimeUtility.unfold(raw);
    try {
      return MimeUtility.decodeText(unfolded);
    } catch (UnsupportedEncodingException | RuntimeException e) {
      return unfolded;
    }
  }

  /** Every address of an address-list header, members of groups included; none when there is no such header. */
  static List<EmailAddress> addresses(MimeMessage message, String name) {
    String raw = value(message, name, ",");
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    List<EmailAddress> found = new ArrayList<>();
    try {
      for (InternetAddress address : InternetAddress.parseHeader(raw, false)) {
        addTo(found, address);
      }
    } catch (AddressException | RuntimeException e) {
      found.clear();
      // Where the list names addresses in angle brackets, only those: an address-like display name ("sam@acme.example"
      // <attacker@evil.example>) must not pass for a participant.
      var bracketed = BRACKETED.matcher(raw);
      while (bracketed.find()) {
        found.add(EmailAddress.of(bracketed.group(1)));
      }
      if (found.isEmpty()) {
        var matcher = ADDRESS_LIKE.matcher(raw);
        while (matcher.find()) {
          found.add(EmailAddress.of(matcher.group()));
        }
      }
    }
    return found.stream().distinct().toList();
  }

  private static void addTo(List<EmailAddress> found, InternetAddress address) throws AddressException {
    if (address.isGroup()) {
      InternetAddress[] members = address.getGroup(false);
      if (members != null) {
        for (InternetAddress member : members) {
          addTo(found, member);
        }
      }
      return;
    }
    String at = address.getAddress();
    if (at != null && at.indexOf('@') > 0 && !at.endsWith("@")) {
      found.add(new EmailAddress(personal(address), at));
    }
  }

  private static @Nullable String personal(InternetAddress address) {
    String personal = address.getPersonal();
    return personal == null || personal.isBlank() ? null : personal.strip();
  }

  /** The text again, decoded as UTF-8 when it is made of single bytes that form valid UTF-8 with some non-ASCII. */
  static String utf8Where(String onePerByte) {
    boolean high = false;
    for (int i = 0; i < onePerByte.length(); i++) {
      char c = onePerByte.charAt(i);
      if (c > 0xFF) {
        return onePerByte;
      }
      high |= c >= 0x80;
    }
    if (!high) {
      return onePerByte;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(onePerByte.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return onePerByte;
    }
  }
}
