package com.emailsync.syncworker.sync.imap;

import jakarta.mail.FolderClosedException;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.IMAPBodyPart;
import org.eclipse.angus.mail.util.DecodingException;

/**
 * Tells a failure of the server or the session (the connection dropped, a NO to a FETCH, a throttled account) from a
 * message that cannot be read. Angus Mail loads a large message's headers and parts lazily, over the wire, so both
 * surface in the same parse: the first is tried again on a later pass, only the second sets the message aside.
 */
final class ServerSideFailure extends RuntimeException {

  ServerSideFailure(Throwable cause) {
    super(cause.getMessage(), cause);
  }

  /** Whether the failure came from the server or the session rather than from the message. */
  static boolean isServerSide(Throwable failure) {
    return anyCause(failure, t -> t instanceof ServerSideFailure || t instanceof ConnectionException || t instanceof ProtocolException)
        || sessionEnded(failure);
  }

  /** Whether the session itself is gone (the folder or store closed), not only one reply. */
  static boolean sessionEnded(Throwable failure) {
    return anyCause(failure, t -> t instanceof FolderClosedException || t instanceof StoreClosedException);
  }

  private static boolean anyCause(Throwable failure, java.util.function.Predicate<Throwable> test) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (test.test(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * An IOException reading a part that lives on the server is the server's or the session's, unless it is the bytes
   * failing to decode (bad base64), which is the message's.
   */
  static boolean isServerSide(IOException failure, Object part) {
    return part instanceof IMAPBodyPart && !(failure instanceof DecodingException) || isServerSide(failure);
  }
}
