package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;
import org.jspecify.annotations.Nullable;

/**
 * A folder of the connected mailbox and whether it is synced.
 *
 * @param start the folder's UIDVALIDITY and UIDNEXT when it was selected: its sync starts there; null for a folder
 *     not selected, or selected while the mail server could not be asked
 */
public record ConnectionFolder(String name, @Nullable String specialUse, boolean selected, ConnectionChanged.@Nullable FolderStart start) {

  public ConnectionFolder(String name, @Nullable String specialUse, boolean selected) {
    this(name, specialUse, selected, null);
  }

  /** Deselecting forgets the start: selecting the folder again later starts it anew from that moment. */
  ConnectionFolder withSelected(boolean selected) {
    return new ConnectionFolder(name, specialUse, selected, selected ? start : null);
  }

  public ConnectionFolder withStart(ConnectionChanged.@Nullable FolderStart start) {
    return new ConnectionFolder(name, specialUse, selected, start);
  }
}
