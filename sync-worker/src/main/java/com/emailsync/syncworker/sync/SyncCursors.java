package com.emailsync.syncworker.sync;

import com.emailsync.events.FolderCursorAdvanced;
import java.util.Optional;

/** Port: the latest committed cursor of each folder. */
public interface SyncCursors {

  Optional<FolderCursorAdvanced> find(String connectionId, String folder);
}
