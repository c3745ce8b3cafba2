package com.emailsync.syncworker.sync;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.FolderCursorAdvanced;
import com.emailsync.events.SyncStatusReported;
import java.util.List;

/** Port: where a sync's results go. */
public interface SyncOutput {

  /** Publishes the mail events and the cursor that covers them atomically: all become visible, or none. */
  void commit(List<EmailEvent> events, FolderCursorAdvanced cursor);

  /** Publishes mail read again outside the folder's cursor (caught-up mail), all or none. */
  void publish(List<EmailEvent> events);

  void report(SyncStatusReported status);
}
