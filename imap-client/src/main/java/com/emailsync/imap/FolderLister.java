package com.emailsync.imap;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jspecify.annotations.Nullable;

/** Lists the folders that can hold mail, with their special use, in one LIST command. */
public final class FolderLister {

  private static final Set<String> SPECIAL_USES =
      Set.of("\\All", "\\Archive", "\\Drafts", "\\Flagged", "\\Important", "\\Junk", "\\Sent", "\\Trash");

  private FolderLister() {}

  public static List<MailFolder> list(Store store) throws MessagingException {
    List<MailFolder> folders = new ArrayList<>();
    for (Folder folder : store.getDefaultFolder().list("*")) {
      if ((folder.getType() & Folder.HOLDS_MESSAGES) != 0) {
        folders.add(new MailFolder(folder.getFullName(), specialUse(folder)));
      }
    }
    return folders;
  }

  private static @Nullable String specialUse(Folder folder) throws MessagingException {
    if (folder instanceof IMAPFolder imapFolder) {
      for (String attribute : imapFolder.getAttributes()) {
        for (String known : SPECIAL_USES) {
          if (known.equalsIgnoreCase(attribute)) {
            return known;
          }
        }
      }
    }
    return null;
  }
}
