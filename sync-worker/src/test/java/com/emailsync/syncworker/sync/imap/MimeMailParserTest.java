package com.emailsync.syncworker.sync.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.AttachmentInfo;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.MailMessage;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeMailParserTest {

  private static final Instant RECEIVED = Instant.parse("2026-11-22T09:30:00Z");

  private final MimeMailParser parser = new MimeMailParser(1000);

  @Test
  void jakartaMailFindsAngusStreamProviderWithoutAClassPathScanPerPart() {
    assertThat(System.getProperty(MimeMailParser.STREAM_PROVIDER)).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
    assertThat(jakarta.mail.util.StreamProvider.provider()).isInstanceOf(org.eclipse.angus.mail.util.MailStreamProvider.class);
  }

  @Test
  void readsABodyUpToTheLimitWhateverSizeThePartClaims() throws Exception {
    byte[] body = "0123456789".repeat(100).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int claimed : new int[] {-1, 0, 10, 999, 1000, 5000}) {
      assertThat(MimeMailParser.readUpTo(new java.io.ByteArrayInputStream(body), 10_000, claimed)).as("claimed %d", claimed).isEqualTo(body);
      var in = new java.io.ByteArrayInputStream(body);
      assertThat(MimeMailParser.readUpTo(in, 300, claimed)).as("limit 300, claimed %d", claimed).hasSize(300);
      assertThat(in.read()).as("the rest is left unread").isEqualTo('0');
    }
  }

  @Test
  void readsParticipantsBodiesAndAttachmentMetadataFromARealMultipartMail() throws Exception {
    MailMessage mail = parser.parse(eml("quote-with-attachment.eml"), RECEIVED);

    assertThat(mail.messageId()).isEqualTo("CAF=quote-1@mail.customer.example");
    assertThat(mail.subject()).isEqualTo("Quote for 40 seats – urgent");
    assertThat(mail.sentAt()).isEqualTo(Instant.parse("2026-11-22T09:29:00Z"));
    assertThat(mail.from()).isEqualTo(new EmailAddress("Carla Customer", "carla@customer.example"));
    assertThat(mail.to()).containsExactly(new EmailAddress("Sam Seller", "sam@acme.example"));
    assertThat(mail.cc()).containsExactly(EmailAddress.of("dave@customer.example"));
    assertThat(mail.textBody()).isEqualTo("Hi Sam, could you send the quote?");
    assertThat(mail.htmlBody()).isEqualTo("<p>Hi Sam, could you send the <b>quote</b>?</p>");
    assertThat(mail.bodyTruncated()).isFalse();
    assertThat(mail.attachments()).singleElement().extracting(AttachmentInfo::filename, AttachmentInfo::contentType, AttachmentInfo::inline)
        .containsExactly("requirements.pdf", "application/pdf", false);
  }

  @Test
  void aStructureReadWhenTheTextsWerePlannedParsesTheSameMessageAsAWalkOfItsOwn() throws Exception {
    var message = eml("quote-with-attachment.eml");
    MimeMailParser.Structure structure = parser.structure(message);

    assertThat(structure.textSections()).extracting(MimeMailParser.TextSection::name).containsExactly("1.1", "1.2");
    assertThat(parser.parse(message, RECEIVED, MimeMailParser.TextSource.OF_PART, structure)).isEqualTo(parser.parse(message, RECEIVED));
    assertThat(parser.parse(message, RECEIVED, MimeMailParser.TextSource.OF_PART, structure)).as("a structure serves more than one parse")
        .isEqualTo(parser.parse(message, RECEIVED));
  }

  @Test
  void readsTheThreadAndThatAMachineAnsweredFromAnOutOfOfficeReply() throws Exception {
    MailMessage mail = parser.parse(eml("out-of-office-reply.eml"), RECEIVED);

    assertThat(mail.headers().inReplyTo()).isEqualTo("reply-1@acme.example");
    assertThat(mail.headers().references()).containsExactly("CAF=quote-1@mail.customer.example", "reply-1@acme.example");
    assertThat(mail.headers().threadKey(mail.messageId())).isEqualTo("CAF=quote-1@mail.customer.example");
    assertThat(mail.headers().autoReply()).isTrue();
    assertThat(mail.headers().bulk()).isFalse();
  }

  @Test
  void aPersonsMailIsNeitherAnAutoReplyNorBulkAndStartsItsOwnThread() throws Exception {
    MailMessage mail = parser.parse(eml("quote-with-attachment.eml"), RECEIVED);

    assertThat(mail.headers().autoReply()).isFalse();
    assertThat(mail.headers().bulk()).isFalse();
    assertThat(mail.headers().threadKey(mail.messageId())).isEqualTo(mail.messageId());
  }

  @Test
  void readsTheMarkOnMailOneOfTheCrmsAutomationsSent() throws Exception {
    var automated = new MimeMessage(Session.getInstance(new Properties()));
    automated.setFrom("carla@customer.example");
    automated.setSubject("Following up on your quote");
    automated.setText("Hello again");
    automated.setHeader(com.emailsync.events.MailHeaders.AUTOMATION_HEADER, "automation-7");
    automated.saveChanges();

    MailMessage mail = parser.parse(automated, RECEIVED);

    assertThat(mail.headers().automation()).isEqualTo("automation-7");
    assertThat(mail.headers().sentByAutomation()).isTrue();
    assertThat(parser.parse(eml("quote-with-attachment.eml"), RECEIVED).headers().sentByAutomation()).as("a person's mail").isFalse();
  }

  @Test
  void derivesTheSameStableIdForAMailWithoutMessageIdWhereverItIsFound() throws Exception {
    MailMessage once = parser.parse(eml("no-message-id.eml"), RECEIVED);
    MailMessage again = parser.parse(eml("no-message-id.eml"), RECEIVED.plusSeconds(3600));

    assertThat(once.messageId()).startsWith("derived-").isEqualTo(again.messageId());
  }

  @Test
  void capsALongBodyAndSaysSo() throws Exception {
    MailMessage mail = new MimeMailParser(1000).parse(longMail(), RECEIVED);

    assertThat(mail.textBody()).hasSize(1000);
    assertThat(mail.bodyTruncated()).isTrue();
  }

  @Test
  void keepsEveryAddressItCanFindInAListWithAnUnterminatedQuote() throws Exception {
    MailMessage mail = parser.parse(raw("""
        From: Carla <carla@customer.example>
        To: "unterminated <alice@example.com>, bob@example.com
        Subject: Broken list

        Hello.
        """), RECEIVED);

    assertThat(mail.from()).isEqualTo(new EmailAddress("Carla", "carla@customer.example"));
    assertThat(mail.to()).extracting(EmailAddress::address).containsExactly("alice@example.com", "bob@example.com");
  }

  @Test
  void anAddressInABrokenDisplayNameIsNotTakenForTheSender() throws Exception {
    MailMessage mail = parser.parse(raw("""
        Message-ID: <spoof-1@evil.example> (sent by a tool)
        From: sam@acme.example <attacker@evil.example> "
        To: sam@acme.example
        Subject: Invoice

        Pay now.
        """), RECEIVED);

    assertThat(mail.from().address()).isEqualTo("attacker@evil.example");
    assertThat(mail.messageId()).isEqualTo("spoof-1@evil.example");
  }

  @Test
  void readsRawUtf8HeadersAsUtf8() throws Exception {
    MailMessage mail = parser.parse(raw("""
        From: Zoë Núñez <zoe@customer.example>
        To: sam@acme.example
        Subject: Café naïve

        Hello.
        """), RECEIVED);

    assertThat(mail.subject()).isEqualTo("Café naïve");
    assertThat(mail.from().name()).isEqualTo("Zoë Núñez");
  }

  @Test
  void readsTheMembersOfAGroupAndNothingOfAnEmptyOne() throws Exception {
    MailMessage mail = parser.parse(raw("""
        From: carla@customer.example
        To: Sales team: sam@acme.example, Dave <dave@acme.example>;
        Cc: undisclosed-recipients:;
        Subject: Groups

        Hello.
        """), RECEIVED);

    assertThat(mail.to()).extracting(EmailAddress::address).containsExactly("sam@acme.example", "dave@acme.example");
    assertThat(mail.cc()).isEmpty();
  }

  @Test
  void readsABodyInAnUnknownCharsetAsTheBytesAllow() throws Exception {
    MailMessage mail = parser.parse(raw("""
        From: carla@customer.example
        To: sam@acme.example
        Subject: =?x-unknown-charset?Q?Gr=FC=DFe?=
        Content-Type: text/plain; charset=x-unknown-charset
        Content-Transfer-Encoding: 8bit

        Grüße aus München.
        """), RECEIVED);

    assertThat(mail.textBody()).isEqualTo("Grüße aus München.\r\n");
    assertThat(mail.subject()).as("left as written, not lost").contains("x-unknown-charset");
  }

  @Test
  void aMessageNestedBeyondAnyClientKeepsItsHeadersAndIsFlagged() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int depth = 0; depth < 60; depth++) {
      body.append("--b").append(depth).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(depth + 1).append("\"\r\n\r\n");
    }
    MailMessage mail = parser.parse(raw("""
        From: carla@customer.example
        To: sam@acme.example
        Subject: Deep
        Content-Type: multipart/mixed; boundary="b0"

        """ + body), RECEIVED);

    assertThat(mail.subject()).isEqualTo("Deep");
    assertThat(mail.bodyTruncated()).isTrue();
  }

  @Test
  void derivesTheSameIdForCopiesWithoutMessageIdOrDateReceivedAtDifferentTimes() throws Exception {
    String copy = """
        From: carla@customer.example
        To: sam@acme.example
        Subject: No id, no date

        Hello.
        """;

    MailMessage inInbox = parser.parse(raw(copy), RECEIVED);
    MailMessage inArchive = parser.parse(raw(copy), RECEIVED.plusSeconds(86_400));
    MailMessage other = parser.parse(raw(copy.replace("sam@acme.example", "dave@acme.example")), RECEIVED);

    assertThat(inInbox.messageId()).startsWith("derived-").isEqualTo(inArchive.messageId()).isNotEqualTo(other.messageId());
  }

  @Test
  void readsNoHeaderBeyondThoseAnImapReaderFetchesForIt() throws Exception {
    for (String name : new String[] {"quote-with-attachment.eml", "out-of-office-reply.eml"}) {
      var asked = new java.util.TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
      MimeMessage message = new MimeMessage(eml(name)) {
        @Override
        public String getHeader(String header, String delimiter) throws jakarta.mail.MessagingException {
          asked.add(header);
          return super.getHeader(header, delimiter);
        }

        @Override
        public String[] getHeader(String header) throws jakarta.mail.MessagingException {
          asked.add(header);
          return super.getHeader(header);
        }
      };

      parser.parse(message, RECEIVED);

      // Content-* headers describe the structure, which an IMAP reader has from BODYSTRUCTURE instead.
      asked.removeIf(header -> header.regionMatches(true, 0, "Content-", 0, 8));
      assertThat(asked).as(name).isNotEmpty().allSatisfy(header -> assertThat(MimeMailParser.HEADERS_READ).anyMatch(header::equalsIgnoreCase));
    }
  }

  @Test
  void namesTheSectionsOfItsBodiesAsImapNumbersThem() throws Exception {
    assertThat(parser.structure(eml("quote-with-attachment.eml")).textSections()).extracting(MimeMailParser.TextSection::name).containsExactly("1.1", "1.2");
    assertThat(parser.structure(raw("""
        From: carla@customer.example
        Subject: One part

        Hello.
        """)).textSections()).extracting(MimeMailParser.TextSection::name).containsExactly("TEXT");
    assertThat(parser.structure(raw("""
        From: carla@customer.example
        Subject: Only an attachment
        Content-Type: application/pdf
        Content-Disposition: attachment; filename=specs.pdf

        JVBERi0=
        """)).textSections()).isEmpty();
  }

  @Test
  void asksForASectionByTheSizeItsStructureStatesWithRoomToSpareButNeverMoreThanTheBodyLimitNeeds() {
    var parser = new MimeMailParser(100_000);
    int whole = parser.sectionWindow();

    assertThat(parser.windowFor(0)).as("a body stated empty (or understated)").isEqualTo(8 * 1024);
    assertThat(parser.windowFor(5_000)).isEqualTo(8 * 1024);
    assertThat(parser.windowFor(8 * 1024)).as("room beyond what is stated").isEqualTo(16 * 1024);
    assertThat(parser.windowFor(40_000)).isEqualTo(64 * 1024);
    assertThat(parser.windowFor(300_000)).isEqualTo(Math.min(whole, 512 * 1024));
    assertThat(parser.windowFor(Integer.MAX_VALUE)).as("a size stated far beyond the body limit").isEqualTo(whole);
    assertThat(parser.windowFor(-1)).as("no size stated").isEqualTo(whole);
    for (int stated = 0; stated < 2 * whole; stated += 997) {
      assertThat(parser.windowFor(stated)).isBetween(Math.min(stated + 1, whole), whole);
    }
  }

  @Test
  void readsBodiesFromSectionsFetchedBeforehandAndFlagsOneTheFetchCut() throws Exception {
    MimeMessage message = eml("quote-with-attachment.eml");
    var sections = java.util.Map.of("1.1", "Hi Sam, could you send", "1.2", "<p>Hi Sam</p>");
    var read = new java.util.ArrayList<String>();

    MailMessage mail = parser.parse(message, RECEIVED, (part, section) -> {
      read.add(section);
      byte[] bytes = sections.get(section).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      return new MimeMailParser.TextSource.Content(new java.io.ByteArrayInputStream(bytes), section.equals("1.1"));
    }, parser.structure(message));

    assertThat(read).containsExactly("1.1", "1.2");
    assertThat(mail.textBody()).isEqualTo("Hi Sam, could you send");
    assertThat(mail.htmlBody()).isEqualTo("<p>Hi Sam</p>");
    assertThat(mail.bodyTruncated()).as("the fetch of 1.1 filled its window").isTrue();
    assertThat(mail.attachments()).extracting(AttachmentInfo::filename).containsExactly("requirements.pdf");
  }

  @Test
  void aBase64OrQuotedPrintableBodyCutByItsFetchWindowKeepsTheWholeLinesBeforeTheCut() throws Exception {
    String text = "Grüße aus Köln, the quote follows. ".repeat(200);
    byte[] utf8 = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // Base64 in 64-character lines (not MIME's 76) and quoted-printable, each cut by a window mid-line.
    String base64 = java.util.Base64.getMimeEncoder(64, "\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(utf8);
    var qpOut = new java.io.ByteArrayOutputStream();
    try (var qp = jakarta.mail.internet.MimeUtility.encode(qpOut, "quoted-printable")) {
      qp.write(utf8);
    }
    for (var encoded : java.util.Map.of("base64", base64, "quoted-printable", qpOut.toString(java.nio.charset.StandardCharsets.US_ASCII)).entrySet()) {
      byte[] all = encoded.getValue().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      int window = all.length / 2 + 3;

      var content = MimeMailParser.TextSource.fetched(java.util.Arrays.copyOf(all, window), encoded.getKey(), window);

      assertThat(content.cut()).isTrue();
      String decoded = new String(content.decoded().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(decoded).as(encoded.getKey()).isNotEmpty().doesNotContain("\uFFFD").doesNotContain("=");
      assertThat(text).as(encoded.getKey()).startsWith(decoded);
    }
  }

  /** A message as a server stores it: CRLF line ends, header bytes in UTF-8 as RFC 6532 allows. */
  private static MimeMessage raw(String rfc5322) throws Exception {
    byte[] bytes = rfc5322.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(bytes));
  }

  private static MimeMessage longMail() throws Exception {
    var message = new MimeMessage(Session.getInstance(new Properties()));
    message.setFrom("lead@prospect.example");
    message.setText("x".repeat(5000));
    message.saveChanges();
    return message;
  }

  private static MimeMessage eml(String name) throws Exception {
    try (InputStream in = MimeMailParserTest.class.getResourceAsStream("/eml/" + name)) {
      return new MimeMessage(Session.getInstance(new Properties()), in);
    }
  }
}
