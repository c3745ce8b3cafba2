package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;
import java.util.List;

/** Port: logs in to a mailbox and lists its folders, or says why it could not. */
public interface MailboxProbe {

  /** @throws MailboxUnreachable with the kind of failure and a reason the user can act on */
  List<ConnectionFolder> listFolders(ConnectionChanged.Imap imap, String password) throws MailboxUnreachable;
}
