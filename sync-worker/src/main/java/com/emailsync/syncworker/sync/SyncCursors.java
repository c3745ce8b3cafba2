package com.emailsync.syncworker.sync;

import java.util.Optional;

/** Port: the latest committed cursor of each folder. */
public interface SyncCursors {

  Optional<FolderCursor> find(String connectionId, String folder);

  /**
   * Whether the cursors are known; when a reload failed, tries it again first. A folder synced while they are not
   * known would start over from its start, publishing its mail again.
   */
  boolean ensureLoaded();
}
