package com.emailsync.benchmarks;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's mailbox: contacts writing in (some with a second contact in Cc) and strangers, with bodies of a
 * realistic size, generated from a fixed seed so every run syncs the same mail.
 *
 * @param entries history entries the mail must make: one per contact taking part in each mail
 * @param firings "contact sends you an email" firings it must make for one automation: mail whose sender is a contact
 */
record BackfillMail(List<String> messages, int entries, int firings) {

  static String contactsCsv(int contactCount) {
    StringBuilder csv = new StringBuilder("contactId,name,emails\n");
    for (int c = 0; c < contactCount; c++) {
      csv.append("contact-").append(c).append(",Contact ").append(c).append(",").append(address(c)).append('\n');
    }
    return csv.toString();
  }

  /** @param date every mail's Date header: after the contacts are in the CRM, so that their mail is news */
  static BackfillMail generate(int messageCount, int contactCount, String account, ZonedDateTime date) {
    var random = new Random(20_000);
    String paragraph = "We would like to discuss the renewal of our subscription and the pricing for additional seats. ".repeat(12);
    String dateHeader = DateTimeFormatter.RFC_1123_DATE_TIME.format(date);
    List<String> messages = new ArrayList<>(messageCount);
    int entries = 0;
    int firings = 0;
    for (int i = 0; i < messageCount; i++) {
      boolean stranger = random.nextInt(100) < 15;
      int from = random.nextInt(contactCount);
      int cc = random.nextInt(100) < 20 ? random.nextInt(contactCount) : -1;
      String fromAddress = stranger ? "someone" + i + "@elsewhere.example" : address(from);
      if (!stranger) {
        entries++;
        firings++;
      }
      if (cc >= 0 && (stranger || cc != from)) {
        entries++;
      }
      messages.add(
          "Message-ID: <bench-" + i + "@bench.example>\n"
              + "Date: " + dateHeader + "\n"
              + "From: Sender " + i + " <" + fromAddress + ">\n"
              + "To: " + account + "\n"
              + (cc >= 0 ? "Cc: " + address(cc) + "\n" : "")
              + "Subject: Renewal question " + i + "\n"
              + "MIME-Version: 1.0\n"
              + "Content-Type: multipart/alternative; boundary=b" + i + "\n\n"
              + "--b" + i + "\nContent-Type: text/plain; charset=UTF-8\n\n" + paragraph + "\n"
              + "--b" + i + "\nContent-Type: text/html; charset=UTF-8\n\n<html><body><p>" + paragraph + "</p></body></html>\n"
              + "--b" + i + "--\n");
    }
    return new BackfillMail(messages, entries, firings);
  }

  private static String address(int contact) {
    return "contact" + contact + "@customers.example";
  }
}
