package com.emailsync.connection.mailbox;

import com.emailsync.events.ConnectionChanged;
import org.jspecify.annotations.Nullable;

/**
 * A folder of the connected mailbox and whether it is synced.
 *
 * @param specialUse its RFC 6154 attribute ({@code \Sent}, {@code \Junk}, {@code \Trash}, {@code \All}...), or null
 * @param start the folder's UIDVALIDITY and UIDNEXT when it was selected: its sync starts there; null for a folder
 *     not selected, or selected while the mail server could not be asked
 * @param label the name a user knows it by where it differs from {@code name}: a Gmail label ("Sent Mail" for
 *     "[Gmail]/Sent Mail"); null elsewhere
 * @param sync how it syncs if selected; null when the server was not asked (listed before this was known)
 */
public record ConnectionFolder(
    String name,
    @Nullable String specialUse,
    boolean selected,
    ConnectionChanged.@Nullable FolderStart start,
    @Nullable String label,
    @Nullable FolderSync sync) {

  public ConnectionFolder(String name, @Nullable String specialUse, boolean selected) {
    this(name, specialUse, selected, null);
  }

  public ConnectionFolder(String name, @Nullable String specialUse, boolean selected, ConnectionChanged.@Nullable FolderStart start) {
    this(name, specialUse, selected, start, null, null);
  }

  /** Deselecting forgets the start: selecting the folder again later starts it anew from that moment. */
  ConnectionFolder withSelected(boolean selected) {
    return new ConnectionFolder(name, specialUse, selected, selected ? start : null, label, sync);
  }

  public ConnectionFolder withStart(ConnectionChanged.@Nullable FolderStart start) {
    return new ConnectionFolder(name, specialUse, selected, start, label, sync);
  }
}
