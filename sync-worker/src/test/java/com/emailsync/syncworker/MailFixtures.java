package com.emailsync.syncworker;

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
}
