package com.emailsync.syncworker.sync.imap;

import com.emailsync.events.AttachmentInfo;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.MailHeaders;
import com.emailsync.events.MailMessage;
import com.emailsync.events.StableId;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Turns a MIME message into the event's {@link MailMessage}: participants, the first text and HTML bodies (capped),
 * and what each attachment is. Written for hostile mail: a header, part or charset that cannot be read costs that
 * header or part (the message is flagged truncated), never the message.
 */
public final class MimeMailParser {

  private static final EmailAddress UNKNOWN_SENDER = EmailAddress.of("unknown-sender@invalid");
  private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
  /** Deeper than any mail client nests; a message nested further is built to exhaust whoever parses it. */
  private static final int DEEPEST_PART = 32;
  /** Attachment descriptions kept per message: thousands of named parts would outgrow any event. */
  private static final int MOST_ATTACHMENTS = 200;

  static {
    preferAngusStreamProvider();
  }

  private final int bodyLimit;

  /**
   * Jakarta Mail 2.1 looks its {@code StreamProvider} up anew, through {@link java.util.ServiceLoader}, for every
   * message, header block and body part it creates (jakartaee/mail-api#699, #861); inside the packaged jar's nested
   * jars each lookup scans the class path, and a backfill spent three quarters of its CPU there. Named by the system
   * property its finder reads first, the provider is found without a scan. A provider chosen by whoever runs the JVM
   * is left as it is.
   */
  static void preferAngusStreamProvider() {
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, org.eclipse.angus.mail.util.MailStreamProvider.class.getName());
    }
  }

  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  /**
   * Every header the parser reads: an IMAP reader fetches these (BODY.PEEK[HEADER.FIELDS (...)]), not the whole header
   * block with its chain of Received lines, and a header read but not fetched would cost a round trip per message.
   */
  public static final List<String> HEADERS_READ = List.of(
      "Message-ID", "From", "To", "Cc", "Bcc", "Subject", "Date", "In-Reply-To", "References",
      "Auto-Submitted", "Precedence", "List-Id", "List-Unsubscribe", "X-Autoreply", "X-Autorespond",
      MailHeaders.AUTOMATION_HEADER);

  /** @param bodyLimit characters kept of each body; longer bodies are cut and flagged */
  public MimeMailParser(int bodyLimit) {
    this.bodyLimit = bodyLimit;
  }

  /**
   * Bytes of a body's section worth fetching: enough to decode the body limit from base64, line breaks included (the
   * largest encoding of text mail but quoted-printable of non-Latin text). A body the window does not hold is flagged
   * cut; the window, not any size the server states, bounds what a message costs.
   */
  public int sectionWindow() {
    long decoded = bodyLimit * 4L + 4;
    return (int) Math.min(Integer.MAX_VALUE, decoded * 4 / 3 * 78 / 76 + 4);
  }

  /** Parses a message whose parts can be read through themselves (a message in memory, or fetched whole). */
  public MailMessage parse(MimeMessage message, Instant receivedAt) throws MessagingException {
    return parse(message, receivedAt, TextSource.OF_PART, structure(message));
  }

  /**
   * Parses a message whose text parts are read from {@code texts}: a message of which only the headers and structure
   * are at hand, and the bytes of the sections its {@link Structure#textSections} names were fetched beforehand. The
   * structure is the one {@link #structure} read when those sections were planned: the parts are walked once per
   * message, not twice.
   */
  public MailMessage parse(MimeMessage message, Instant receivedAt, TextSource texts, Structure structure) throws MessagingException {
    var bodies = structure.bodies();
    bodies.text = read(bodies.textPart, texts, bodies);
    bodies.html = read(bodies.htmlPart, texts, bodies);
    List<EmailAddress> from = RawHeaders.addresses(message, "From");
    Instant sentAt = sentAt(message, receivedAt);
    EmailAddress sender = from.isEmpty() ? UNKNOWN_SENDER : from.getFirst();
    return new MailMessage(
        messageId(message),
        RawHeaders.text(message, "Subject"),
        sentAt,
        sender,
        RawHeaders.addresses(message, "To"),
        RawHeaders.addresses(message, "Cc"),
        RawHeaders.addresses(message, "Bcc"),
        cap(bodies.text),
        cap(bodies.html),
        isLong(bodies.text) || isLong(bodies.html) || bodies.incomplete,
        bodies.attachments,
        headers(message));
  }

  /**
   * The Date header, read as {@link MimeMessage#getSentDate} reads it, but from the headers at hand: an IMAP message
   * would fetch its ENVELOPE for it. The server's receipt time when the header is missing or no date at all.
   */
  private static Instant sentAt(MimeMessage message, Instant receivedAt) {
    String date = RawHeaders.value(message, "Date", null);
    if (date == null) {
      return receivedAt;
    }
    try {
      Date sent = new MailDateFormat().parse(date);
      return sent == null ? receivedAt : sent.toInstant();
    } catch (java.text.ParseException | RuntimeException e) {
      return receivedAt;
    }
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
          message.isMimeType("multipart/report"),
          header(message, MailHeaders.AUTOMATION_HEADER));
    } catch (MessagingException e) {
      if (ServerSideFailure.isServerSide(e)) {
        throw new ServerSideFailure(e);
      }
      return MailHeaders.NONE;
    }
  }

  private static @Nullable String header(MimeMessage message, String name) {
    String value = RawHeaders.value(message, name, " ");
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

  /** Which parts are the bodies and which attachments, read from the message's structure; no content is read. */
  public Structure structure(MimeMessage message) {
    var bodies = new Bodies();
    walk(message, null, bodies, 0);
    return new Structure(bodies.textPart, bodies.htmlPart, List.copyOf(bodies.attachments), bodies.incomplete);
  }

  /** What a walk of a message's parts found: its bodies' sections, its attachments, and whether a part was unreadable. */
  public record Structure(@Nullable Section textPart, @Nullable Section htmlPart, List<AttachmentInfo> attachments, boolean incomplete) {

    /**
     * The sections whose bytes {@link #parse(MimeMessage, Instant, TextSource, Structure)} reads: the first text and
     * HTML body, never an attachment. Found from the structure alone ("TEXT" for a message of one part, "1.2" for the
     * second part of the first), in the numbering of IMAP's FETCH BODY[section].
     */
    public List<TextSection> textSections() {
      return Stream.of(textPart, htmlPart).filter(Objects::nonNull).map(s -> new TextSection(s.name(), statedSize(s.part()))).toList();
    }

    /** A fresh record of the bodies, for one parse. */
    private Bodies bodies() {
      var bodies = new Bodies();
      bodies.textPart = textPart;
      bodies.htmlPart = htmlPart;
      bodies.attachments.addAll(attachments);
      bodies.incomplete = incomplete;
      return bodies;
    }
  }

  /** A body's section, and the size in bytes the server's structure states for it (-1 when it states none). */
  public record TextSection(String name, int statedBytes) {}

  private static int statedSize(Part part) {
    try {
      return part.getSize();
    } catch (MessagingException e) {
      return -1;
    }
  }

  /**
   * Bytes worth asking for of a section whose structure states {@code statedBytes}: the stated size with room to spare,
   * rounded up to a power of two (so that messages of similar size share one FETCH), at most {@link #sectionWindow}. A
   * server that understates a size gets its body cut and flagged, never a batch larger than asked for.
   */
  public int windowFor(int statedBytes) {
    int whole = sectionWindow();
    if (statedBytes < 0 || statedBytes >= whole) {
      return whole;
    }
    long wanted = Math.max(SMALLEST_WINDOW, statedBytes + statedBytes / 16L + 512);
    long roundedUp = Long.highestOneBit(wanted - 1) << 1;
    return (int) Math.min(whole, roundedUp);
  }

  /** Most text bodies are smaller: they all share this window, and one FETCH. */
  private static final int SMALLEST_WINDOW = 8 * 1024;

  /**
   * Each part on its own: one that cannot be read is left out and the message flagged, the others still count. Picks
   * the bodies to read and describes the attachments; reads no content but the structure of multiparts.
   */
  private void walk(Part part, @Nullable String section, Bodies bodies, int depth) {
    if (depth > DEEPEST_PART) {
      bodies.incomplete = true;
      return;
    }
    try {
      String disposition = part.getDisposition();
      boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null;
      // The type parsed once per part: each isMimeType parses it again, and a backfill spent a tenth of its CPU there.
      PartType type = PartType.of(part);
      if (isMultipart(part, type) && part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          walk(multipart.getBodyPart(i), section == null ? String.valueOf(i + 1) : section + "." + (i + 1), bodies, depth + 1);
        }
      } else if (!attachment && type.is("text/plain") && bodies.textPart == null) {
        bodies.textPart = new Section(part, section == null ? "TEXT" : section);
      } else if (!attachment && type.is("text/html") && bodies.htmlPart == null) {
        bodies.htmlPart = new Section(part, section == null ? "TEXT" : section);
      } else if (attachment || !type.is("text/*")) {
        if (bodies.attachments.size() == MOST_ATTACHMENTS) {
          bodies.incomplete = true;
          return;
        }
        bodies.attachments.add(
            new AttachmentInfo(
                fileName(part),
                baseType(part),
                Math.max(0, part.getSize()),
                Part.INLINE.equalsIgnoreCase(disposition)));
      }
    } catch (IOException e) {
      failedPart(e, part, bodies);
    } catch (MessagingException | RuntimeException e) {
      failedPart(e, part, bodies);
    }
  }

  /**
   * Whether to walk into the part. A server's part is a multipart only when its structure lists parts: one typed
   * multipart without them (no boundary) would be downloaded whole, over the wire, to be parsed.
   */
  private static boolean isMultipart(Part part, PartType type) throws MessagingException {
    if (!type.is("multipart/*")) {
      return false;
    }
    if (part instanceof org.eclipse.angus.mail.imap.IMAPMessage || part instanceof org.eclipse.angus.mail.imap.IMAPBodyPart) {
      return part.getDataHandler().getDataSource() instanceof jakarta.mail.MultipartDataSource;
    }
    return true;
  }

  /** A part that cannot be read flags the message, unless the server or session failed: then it is tried again. */
  private static void failedPart(Exception e, Part part, Bodies bodies) {
    boolean serverSide = e instanceof IOException io ? ServerSideFailure.isServerSide(io, part) : ServerSideFailure.isServerSide(e);
    if (serverSide) {
      throw e instanceof ServerSideFailure failure ? failure : new ServerSideFailure(e);
    }
    bodies.incomplete = true;
  }

  private @Nullable String read(@Nullable Section section, TextSource texts, Bodies bodies) {
    if (section == null) {
      return null;
    }
    try {
      return text(section, texts, bodies);
    } catch (IOException e) {
      failedPart(e, section.part(), bodies);
    } catch (MessagingException | RuntimeException e) {
      failedPart(e, section.part(), bodies);
    }
    return null;
  }

  /**
   * A text part in its declared charset; in UTF-8 or Windows-1252 (whichever the bytes are) when the charset is
   * missing, wrong or unknown. Reads no more than the body limit needs, however large the part.
   */
  private String text(Section section, TextSource texts, Bodies bodies) throws MessagingException, IOException {
    Part part = section.part();
    byte[] bytes;
    TextSource.Content content = texts.open(part, section.name());
    try (InputStream in = content.decoded()) {
      bytes = readUpTo(in, bodyLimit * 4 + 4, part.getSize());
      if (content.cut() || in.read() != -1) {
        bodies.incomplete = true;
      }
    }
    Charset declared = charsetOf(part);
    if (declared != null) {
      return new String(bytes, declared);
    }
    String onePerByte = new String(bytes, StandardCharsets.ISO_8859_1);
    String asUtf8 = RawHeaders.utf8Where(onePerByte);
    // Decoded as UTF-8 (or plain ASCII): that is what it is. Otherwise the most common 8-bit charset of mail.
    return !asUtf8.equals(onePerByte) || isAscii(bytes) ? asUtf8 : new String(bytes, Charset.forName("windows-1252"));
  }

  /** Where a text part's content is read from: the part itself, or its section's bytes fetched beforehand. */
  @FunctionalInterface
  public interface TextSource {
    TextSource OF_PART = (part, section) -> new Content(part.getInputStream(), false);

    Content open(Part part, String section) throws MessagingException, IOException;

    /**
     * A section's bytes as fetched, decoded by its transfer encoding. A window the section filled was cut mid-way:
     * only its whole lines are decoded, as a base64 group or a quoted-printable escape cut in two would make the
     * decoder fail or write junk.
     */
    static Content fetched(byte[] raw, @Nullable String encoding, int window) throws MessagingException {
      boolean cut = raw.length >= window;
      int length = raw.length;
      if (cut) {
        int lastLineEnd = lastIndexOf(raw, (byte) '\n');
        length = lastLineEnd < 0 ? 0 : lastLineEnd + 1;
      }
      InputStream bytes = new java.io.ByteArrayInputStream(raw, 0, length);
      return new Content(encoding == null ? bytes : MimeUtility.decode(bytes, encoding), cut);
    }

    private static int lastIndexOf(byte[] bytes, byte wanted) {
      for (int i = bytes.length - 1; i >= 0; i--) {
        if (bytes[i] == wanted) {
          return i;
        }
      }
      return -1;
    }

    /** @param cut the source holds only the start of the part (a partial FETCH that filled its window) */
    record Content(InputStream decoded, boolean cut) {}
  }

  /** A part chosen as a body, under its IMAP section name. */
  public record Section(Part part, String name) {}

  /**
   * A part's Content-Type, parsed once, matched as {@link Part#isMimeType} matches it: a type that does not parse is
   * left to the part itself to match, as leniently as Jakarta Mail does.
   */
  private record PartType(Part part, @Nullable ContentType type) {

    static PartType of(Part part) throws MessagingException {
      String value = part.getContentType();
      try {
        return new PartType(part, value == null ? null : new ContentType(value));
      } catch (jakarta.mail.internet.ParseException unparsable) {
        return new PartType(part, null);
      }
    }

    boolean is(String mimeType) throws MessagingException {
      return type != null ? type.match(mimeType) : part.isMimeType(mimeType);
    }
  }

  /**
   * At most {@code limit} bytes, in a buffer sized by what the part says it holds (decoded text is rarely larger than
   * its encoded form): a body of a few KB costs a few KB, not a buffer sized for the largest body kept.
   */
  static byte[] readUpTo(InputStream in, int limit, int declaredSize) throws IOException {
    byte[] buffer = new byte[Math.clamp(declaredSize > 0 ? declaredSize + 64L : 8192L, 1, limit)];
    int length = 0;
    while (length < limit) {
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(limit, buffer.length * 2L));
      }
      int read = in.read(buffer, length, buffer.length - length);
      if (read < 0) {
        break;
      }
      length += read;
    }
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }

  private static @Nullable Charset charsetOf(Part part) {
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      return name == null ? null : Charset.forName(MimeUtility.javaCharset(name.strip()));
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable String fileName(Part part) {
    try {
      String name = part.getFileName();
      return name == null ? null : RawHeaders.utf8Where(name);
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static String baseType(Part part) {
    try {
      return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
    } catch (MessagingException | RuntimeException e) {
      return "application/octet-stream";
    }
  }

  /**
   * The Message-ID without angle brackets; a message without one gets an id derived from the headers a copy of it
   * keeps in every folder and mailbox (as sent, not as parsed: a missing Date must not make each copy differ), hashed
   * length-prefixed so that no two header sets collide by where their values split.
   */
  static String messageId(MimeMessage message) {
    String id = RawHeaders.value(message, "Message-ID", null);
    if (id != null && !id.isBlank()) {
      var bracketed = MESSAGE_ID.matcher(id);
      String stripped = bracketed.find() ? bracketed.group(1) : id.strip().split("\\s+")[0];
      if (!stripped.isBlank()) {
        return stripped;
      }
    }
    String[] basis = Stream.of("From", "To", "Cc", "Date", "Subject")
        .map(name -> Objects.toString(RawHeaders.value(message, name, ","), ""))
        .toArray(String[]::new);
    return "derived-" + StableId.of(basis) + "@emailsync.invalid";
  }

  private @Nullable String cap(@Nullable String body) {
    return body == null || body.length() <= bodyLimit ? body : body.substring(0, bodyLimit);
  }

  private boolean isLong(@Nullable String body) {
    return body != null && body.length() > bodyLimit;
  }

  private static final class Bodies {
    @Nullable Section textPart;
    @Nullable Section htmlPart;
    @Nullable String text;
    @Nullable String html;
    boolean incomplete;
    final List<AttachmentInfo> attachments = new ArrayList<>();
  }
}
