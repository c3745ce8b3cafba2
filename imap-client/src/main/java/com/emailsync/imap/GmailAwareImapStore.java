package com.emailsync.imap;

import jakarta.mail.FetchProfile;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.FetchItem;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;

/**
 * Angus Mail's IMAP store that can also read Gmail's FETCH items (X-GM-EXT-1): X-GM-MSGID, X-GM-THRID and X-GM-LABELS.
 * Without them registered, Angus Mail fails any FETCH answer that carries them. Angus Mail's own gimap provider does
 * the same, but under a protocol name of its own (every {@code mail.imap.*} setting would be needed twice) and only
 * over TLS; the items are parsed only when a FETCH asks for them, so every server is read with this store.
 */
public class GmailAwareImapStore extends IMAPStore {

  /** The capability of Gmail's extension. */
  public static final String GMAIL_EXTENSION = "X-GM-EXT-1";
  public static final String MESSAGE_ID = "X-GM-MSGID";
  public static final String THREAD_ID = "X-GM-THRID";
  public static final String LABELS = "X-GM-LABELS";

  private static final FetchItem[] GMAIL_ITEMS = {
    new FetchItem(MESSAGE_ID, new GmailItem(MESSAGE_ID)) {
      @Override
      public Object parseItem(FetchResponse response) {
        return response.readLong();
      }
    },
    new FetchItem(THREAD_ID, new GmailItem(THREAD_ID)) {
      @Override
      public Object parseItem(FetchResponse response) {
        return response.readLong();
      }
    },
    new FetchItem(LABELS, new GmailItem(LABELS)) {
      @Override
      public Object parseItem(FetchResponse response) {
        return labels(response);
      }
    }
  };

  /**
   * The label list, as Google documents it ({@code (\\Inbox \\Sent Important "Muy Importante")}) or with the system
   * labels quoted. Not Angus Mail's {@code readAtomStringList}: it reads an unquoted {@code \\Inbox} as an empty atom
   * without moving on, and loops forever. Anything else ends the list where it stands, and the FETCH answer then fails
   * to parse, as malformed answers do.
   */
  static List<String> labels(FetchResponse response) {
    List<String> labels = new ArrayList<>();
    response.skipSpaces();
    if (response.peekByte() != '(') {
      response.readAtomString();
      return labels;
    }
    response.readByte();
    while (true) {
      response.skipSpaces();
      byte next = response.peekByte();
      if (next == ')') {
        response.readByte();
        return labels;
      }
      String label;
      if (next == '\\') {
        response.readByte();
        label = "\\" + response.readAtom();
      } else {
        label = response.readAtomString();
      }
      if (label == null || label.isEmpty() || label.equals("\\")) {
        return labels;
      }
      labels.add(label);
    }
  }

  /** For plain IMAP and STARTTLS ({@code imap}). */
  public GmailAwareImapStore(Session session, URLName url) {
    this(session, url, "imap", false);
  }

  protected GmailAwareImapStore(Session session, URLName url, String name, boolean ssl) {
    super(session, url, name, ssl);
  }

  /** What this store reads beyond IMAP's own FETCH items. */
  static FetchItem[] gmailItems() {
    return GMAIL_ITEMS.clone();
  }

  /**
   * Set once the store is closed. Angus Mail logs in again, with the user and password it keeps, whenever a store whose
   * connections are gone is used (a folder opened, a STATUS asked), closed or not: a thread still using a store another
   * thread closed (a watch stopped while it was setting up) would leave a session at the provider that nothing owns,
   * counted against the user's limit (Dovecot's 10 from one address, Gmail's 15) until the server times it out.
   */
  private volatile boolean closed;

  @Override
  public void close() throws MessagingException {
    closed = true;
    super.close();
  }

  @Override
  protected IMAPProtocol newIMAPProtocol(String host, int port) throws IOException, ProtocolException {
    if (closed) {
      throw new ProtocolException("the session to " + host + " was closed; a closed session does not log in again");
    }
    return new IMAPProtocol(name, host, port, session.getProperties(), isSSL, logger) {
      /**
       * Set by the first response read, the greeting, which IMAPProtocol's constructor reads before any initializer of
       * this class could run: hence no initializer here, which would run after it and set it back.
       */
      private boolean bounded;

      /** What one response may cost is bounded whatever the server claims, from the greeting on (see BoundedResponses). */
      @Override
      public Response readResponse() throws IOException, ProtocolException {
        if (!bounded) {
          bounded = true;
          BoundedResponses.bound(this);
        }
        return super.readResponse();
      }

      @Override
      public FetchItem[] getFetchItems() {
        return GMAIL_ITEMS;
      }

      @Override
      public void startTLS() throws ProtocolException {
        super.startTLS();
        BoundedResponses.bound(this);
      }

      @Override
      public void compress() throws ProtocolException {
        super.compress();
        BoundedResponses.bound(this);
      }
    };
  }

  /** For implicit TLS ({@code imaps}). */
  public static final class Tls extends GmailAwareImapStore {
    public Tls(Session session, URLName url) {
      super(session, url, "imaps", true);
    }
  }

  private static final class GmailItem extends FetchProfile.Item {
    GmailItem(String name) {
      super(name);
    }
  }
}
