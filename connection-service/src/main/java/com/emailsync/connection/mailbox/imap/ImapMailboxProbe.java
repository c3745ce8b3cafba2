package com.emailsync.connection.mailbox.imap;

import com.emailsync.connection.mailbox.ConnectionFolder;
import com.emailsync.connection.mailbox.MailboxProbe;
import com.emailsync.connection.mailbox.MailboxUnreachable;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.imap.FolderLister;
import com.emailsync.imap.ImapFailure;
import com.emailsync.imap.ServerFeatures;
import com.emailsync.connection.mailbox.FolderSync;
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
      ServerFeatures features = ServerFeatures.of(store);
      for (var listed : FolderLister.list(store)) {
        String label = listed.displayName(features.gmail());
        var folder = new ConnectionFolder(listed.name(), listed.specialUse(), false, null, label.equals(listed.name()) ? null : label,
            FolderSync.of(listed.name(), listed.specialUse(), features.notifies()));
        folders.add(recordStartOf.test(folder) ? folder.withStart(start(store, listed.name())) : folder);
      }
      return folders;
    } catch (ImapFailure failure) {
      throw new MailboxUnreachable(failure.kind().reason(), failure.getMessage());
    } catch (MessagingException e) {
      ImapFailure failure = ImapFailure.from(e, imap);
      throw new MailboxUnreachable(failure.kind().reason(), failure.getMessage());
    }
  }

  /** STATUS of the closed folder: no SELECT, no message read. */
  private static ConnectionChanged.FolderStart start(Store store, String name) throws MessagingException {
    IMAPFolder folder = (IMAPFolder) store.getFolder(name);
    return new ConnectionChanged.FolderStart(name, folder.getUIDValidity(), Math.max(1, folder.getUIDNext()));
  }
}
