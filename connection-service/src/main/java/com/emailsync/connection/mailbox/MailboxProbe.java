package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;
import java.util.List;
import java.util.function.Predicate;

/** Port: logs in to a mailbox and lists its folders, or says why it could not. */
public interface MailboxProbe {

  /**
   * @param recordStartOf the folders whose start (UIDVALIDITY and UIDNEXT, now) to read in the same session: those
   *     being selected
   * @throws MailboxUnreachable with the kind of failure and a reason the user can act on
   */
  List<ConnectionFolder> listFolders(ConnectionChanged.Imap imap, String password, Predicate<ConnectionFolder> recordStartOf)
      throws MailboxUnreachable;

  default List<ConnectionFolder> listFolders(ConnectionChanged.Imap imap, String password) throws MailboxUnreachable {
    return listFolders(imap, password, folder -> false);
  }
}
