package com.emailsync.localstack.demo;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;

/**
 * The demo's mailbox on an in-process IMAP server (GreenMail), reached by the sync worker over TCP like any other
 * server. Its mail lives in memory: every start of the demo is a fresh mailbox.
 */
final class DemoMailbox implements AutoCloseable {

  static final String ADDRESS = "demo@emailsync.example";
  // Not a secret: the demo mailbox only exists on loopback, in memory, for as long as the demo runs.
  static final String PASSWORD = "demo";
  static final String SENT = "Sent";

  private final GreenMail greenMail;
  private final GreenMailUser user;

  private DemoMailbox(GreenMail greenMail, GreenMailUser user) {
    this.greenMail = greenMail;
    this.user = user;
  }

  static DemoMailbox start(int port) {
    var greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
    greenMail.start();
    var user = greenMail.setUser(ADDRESS, ADDRESS, PASSWORD);
    try {
      greenMail.getManagers().getImapHostManager().createMailbox(user, SENT);
    } catch (Exception e) {
      greenMail.stop();
      throw new IllegalStateException("Could not create the demo mailbox's Sent folder", e);
    }
    return new DemoMailbox(greenMail, user);
  }

  String host() {
    return "127.0.0.1";
  }

  int port() {
    return greenMail.getImap().getPort();
  }

  void receive(MimeMessage message) {
    user.deliver(message);
  }

  /** What a mail client does after sending: files a copy in Sent. */
  void fileAsSent(MimeMessage message) {
    try {
      greenMail.getManagers().getImapHostManager().getFolder(user, SENT).appendMessage(message, new Flags(Flags.Flag.SEEN), new Date());
    } catch (RuntimeException e) {
      throw new IllegalStateException("Could not file the demo's sent mail", e);
    }
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
