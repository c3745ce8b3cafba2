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
import java.util.ArrayList;
import java.util.function.Predicate;
import org.eclipse.angus.mail.imap.IMAPFolder;
import java.util.List;

/** Logs in over IMAP with Angus Mail and lists the folders in one LIST. */
public class ImapMailboxProbe implements MailboxProbe {

  private final ImapSessions sessions;

  public ImapMailboxProbe(ImapSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public List<ConnectionFolder> listFolders(ConnectionChanged.Imap imap, String password, Predicate<ConnectionFolder> recordStartOf)
      throws MailboxUnreachable {
    try (Store store = sessions.connect(imap, password)) {
      List<ConnectionFolder> folders = new ArrayList<>();
      for (var listed : FolderLister.list(store)) {
        var folder = new ConnectionFolder(listed.name(), listed.specialUse(), false);
        folders.add(recordStartOf.test(folder) ? folder.withStart(start(store, listed.name())) : folder);
      }
      return folders;
    } catch (ImapFailure failure) {
      throw new MailboxUnreachable(reason(failure.kind()), failure.getMessage());
    } catch (MessagingException e) {
      ImapFailure failure = ImapFailure.from(e, imap);
      throw new MailboxUnreachable(reason(failure.kind()), failure.getMessage());
    }
  }

  /** STATUS of the closed folder: no SELECT, no message read. */
  private static ConnectionChanged.FolderStart start(Store store, String name) throws MessagingException {
    IMAPFolder folder = (IMAPFolder) store.getFolder(name);
    return new ConnectionChanged.FolderStart(name, folder.getUIDValidity(), Math.max(1, folder.getUIDNext()));
  }

  private static MailboxUnreachable.Reason reason(ImapFailure.Kind kind) {
    return switch (kind) {
      case AUTHENTICATION_FAILED -> MailboxUnreachable.Reason.AUTHENTICATION_FAILED;
      case CONNECTION_FAILED, TIMEOUT -> MailboxUnreachable.Reason.CONNECTION_FAILED;
      case TLS_FAILED -> MailboxUnreachable.Reason.TLS_FAILED;
      case FOLDER_NOT_FOUND, SERVER_ERROR, THROTTLED -> MailboxUnreachable.Reason.SERVER_ERROR;
      case HOST_NOT_ALLOWED -> MailboxUnreachable.Reason.HOST_NOT_ALLOWED;
      case APP_PASSWORD_REQUIRED -> MailboxUnreachable.Reason.APP_PASSWORD_REQUIRED;
      case WEB_LOGIN_REQUIRED -> MailboxUnreachable.Reason.WEB_LOGIN_REQUIRED;
      case IMAP_DISABLED -> MailboxUnreachable.Reason.IMAP_DISABLED;
    };
  }
}
