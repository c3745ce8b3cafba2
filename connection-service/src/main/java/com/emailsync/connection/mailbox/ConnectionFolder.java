package com.emailsync.connection.mailbox;

import org.jspecify.annotations.Nullable;

/** A folder of the connected mailbox and whether it is synced. */
public record ConnectionFolder(String name, @Nullable String specialUse, boolean selected) {

  ConnectionFolder withSelected(boolean selected) {
    return new ConnectionFolder(name, specialUse, selected);
  }
}
