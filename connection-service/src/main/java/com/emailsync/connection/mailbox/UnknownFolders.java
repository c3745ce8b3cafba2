package com.emailsync.connection.mailbox;

import java.util.Collection;

/** The user chose folders the mailbox does not have. */
public class UnknownFolders extends RuntimeException {

  private final Collection<String> folders;

  public UnknownFolders(Collection<String> folders) {
    super("The mailbox has no folder named " + String.join(", ", folders) + ".");
    this.folders = folders;
  }

  public Collection<String> folders() {
    return folders;
  }
}
