package com.emailsync.connection.mailbox.imap;

import com.emailsync.connection.mailbox.ConnectionFolder;
import com.emailsync.connection.mailbox.MailboxProbe;
import com.emailsync.connection.mailbox.MailboxUnreachable;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.imap.FolderLister;
import com.emailsync.imap.ImapFailure;
import com.emailsync.imap.ImapSessions;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.util.List;

/** Logs in over IMAP with Angus Mail and lists the folders in one LIST. */
public class ImapMailboxProbe implements MailboxProbe {

  private final ImapSessions sessions;

  public ImapMailboxProbe(ImapSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public List<ConnectionFolder> listFolders(ConnectionChanged.Imap imap, String password) throws MailboxUnreachable {
    try (Store store = sessions.connect(imap, password)) {
      return FolderLister.list(store).stream()
          .map(folder -> new ConnectionFolder(folder.name(), folder.specialUse(), false))
          .toList();
    } catch (ImapFailure failure) {
      throw new MailboxUnreachable(reason(failure.kind()), failure.getMessage());
    } catch (MessagingException e) {
      ImapFailure failure = ImapFailure.from(e, imap);
      throw new MailboxUnreachable(reason(failure.kind()), failure.getMessage());
    }
  }

  private static MailboxUnreachable.Reason reason(ImapFailure.Kind kind) {
    return switch (kind) {
      case AUTHENTICATION_FAILED -> MailboxUnreachable.Reason.AUTHENTICATION_FAILED;
      case CONNECTION_FAILED -> MailboxUnreachable.Reason.CONNECTION_FAILED;
      case TLS_FAILED -> MailboxUnreachable.Reason.TLS_FAILED;
      case FOLDER_NOT_FOUND, SERVER_ERROR -> MailboxUnreachable.Reason.SERVER_ERROR;
    };
  }
}
