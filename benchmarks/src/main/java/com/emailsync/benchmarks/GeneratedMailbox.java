package com.emailsync.benchmarks;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Issue 7's backfill mailbox: mail from 500 senders, about 14 KB on average, 5 % of it carrying a 20 to 200 KB
 * attachment (a PDF, base64 as mail clients send it), generated from a fixed seed so that every run syncs the same mail.
 */
final class GeneratedMailbox {

  private static final String[] WORDS = (
      "renewal pricing seats invoice contract quarter meeting proposal delivery support onboarding discount "
          + "schedule review budget approval feedback timeline integration migration training licence order").split(" ");

  private GeneratedMailbox() {}

  /** @param dated every mail's Date header, a minute apart going back from here */
  static List<String> generate(int count, int senders, String account, ZonedDateTime dated) {
    var random = new Random(7_000);
    List<String> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String sender = "sender" + random.nextInt(senders) + "@customers.example";
      String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(dated.minusMinutes(count - i));
      String text = prose(random, 2_600 + random.nextInt(1_600));
      String html = "<html><body><p>" + text.replace("\n\n", "</p><p>") + "</p></body></html>";
      String alternative =
          "Content-Type: multipart/alternative; boundary=alt" + i + "\n\n"
              + "--alt" + i + "\nContent-Type: text/plain; charset=UTF-8\n\n" + text + "\n"
              + "--alt" + i + "\nContent-Type: text/html; charset=UTF-8\n\n" + html + "\n"
              + "--alt" + i + "--\n";
      String headers =
          "Message-ID: <backfill-" + i + "@customers.example>\n"
              + "Date: " + date + "\n"
              + "From: Sender <" + sender + ">\n"
              + "To: " + account + "\n"
              + "Subject: " + WORDS[random.nextInt(WORDS.length)] + " question " + i + "\n"
              + "MIME-Version: 1.0\n";
      if (random.nextInt(100) < 5) {
        byte[] attachment = new byte[20_000 + random.nextInt(180_001)];
        random.nextBytes(attachment);
        messages.add(headers
            + "Content-Type: multipart/mixed; boundary=mix" + i + "\n\n"
            + "--mix" + i + "\n" + alternative
            + "--mix" + i + "\nContent-Type: application/pdf; name=\"quote-" + i + ".pdf\"\n"
            + "Content-Disposition: attachment; filename=\"quote-" + i + ".pdf\"\nContent-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder().encodeToString(attachment) + "\n"
            + "--mix" + i + "--\n");
      } else {
        messages.add(headers + alternative);
      }
    }
    return messages;
  }

  /**
   * Short plain-text mail (about 1 KB): a folder that is large by its count of messages, as a long-kept Gmail INBOX is,
   * whose incremental sync costs what the count makes it cost, not the bytes.
   */
  static List<String> small(int count, int senders, String account, ZonedDateTime dated) {
    var random = new Random(7_001);
    List<String> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      messages.add("Message-ID: <large-" + i + "@customers.example>\n"
          + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(dated.minusMinutes(count - i)) + "\n"
          + "From: Sender <sender" + random.nextInt(senders) + "@customers.example>\n"
          + "To: " + account + "\n"
          + "Subject: " + WORDS[random.nextInt(WORDS.length)] + " note " + i + "\n"
          + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
          + prose(random, 700 + random.nextInt(400)) + "\n");
    }
    return messages;
  }

  private static String prose(Random random, int length) {
    StringBuilder text = new StringBuilder(length + 20);
    int sentence = 0;
    while (text.length() < length) {
      text.append(WORDS[random.nextInt(WORDS.length)]);
      sentence++;
      if (sentence % 12 == 0) {
        text.append(sentence % 60 == 0 ? ".\n\n" : ". ");
      } else {
        text.append(' ');
      }
    }
    return text.toString();
  }
}
