package com.emailsync.localstack.demo;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The demo's mail, one after another: mostly contacts writing in (history entries and triggers), now and then the
 * account answering from Sent (history, no trigger) and a stranger writing (neither), so each rule can be seen.
 */
final class DemoCorrespondence {

  enum Kind {
    FROM_CONTACT,
    REPLY_TO_CONTACT,
    FROM_STRANGER
  }

  record DemoMail(Kind kind, MimeMessage message) {}

  private static final List<Kind> ROTATION =
      List.of(Kind.FROM_CONTACT, Kind.FROM_CONTACT, Kind.REPLY_TO_CONTACT, Kind.FROM_CONTACT, Kind.FROM_STRANGER);
  private static final List<String> TOPICS =
      List.of("Pricing for 40 seats", "Can we move our call?", "Invoice question", "Feature request: exports", "Renewal");

  private final Session session = Session.getInstance(new Properties());
  private int sent;

  synchronized DemoMail next() {
    int n = sent++;
    Kind kind = ROTATION.get(n % ROTATION.size());
    DemoContact contact = DemoContact.ALL.get(n % DemoContact.ALL.size());
    String topic = TOPICS.get(n % TOPICS.size());
    try {
      return switch (kind) {
        case FROM_CONTACT -> new DemoMail(kind, mail(address(contact), ownAddress(), topic, "Hi, a quick one about " + topic.toLowerCase() + "."));
        case REPLY_TO_CONTACT -> new DemoMail(kind, mail(ownAddress(), address(contact), "Re: " + topic, "Thanks " + contact.name() + ", on it."));
        case FROM_STRANGER -> new DemoMail(kind, mail(new InternetAddress("offers@newsletter.example"), ownAddress(), "Weekly deals", "Not from a contact: stays out of the CRM."));
      };
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalStateException("Could not build demo mail", e);
    }
  }

  private MimeMessage mail(InternetAddress from, InternetAddress to, String subject, String text) throws MessagingException {
    String messageId = "<demo-" + UUID.randomUUID() + "@emailsync.example>";
    var message =
        new MimeMessage(session) {
          // Otherwise Jakarta Mail replaces it with its own on saveChanges().
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, to);
    message.setSubject(subject, "UTF-8");
    message.setSentDate(new Date());
    message.setText(text, "UTF-8");
    message.saveChanges();
    return message;
  }

  private static InternetAddress address(DemoContact contact) throws UnsupportedEncodingException {
    return new InternetAddress(contact.email(), contact.name(), "UTF-8");
  }

  private static InternetAddress ownAddress() throws UnsupportedEncodingException {
    return new InternetAddress(DemoMailbox.ADDRESS, "Demo User", "UTF-8");
  }
}
