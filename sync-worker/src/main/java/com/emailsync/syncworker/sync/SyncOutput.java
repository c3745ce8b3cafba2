package com.emailsync.syncworker.sync;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.MessageSetAside;
import com.emailsync.events.SyncStatusReported;
import java.util.List;

/** Port: where a sync's results go. */
public interface SyncOutput {

  /**
   * Publishes the mail events, the messages set aside and the cursor that covers them atomically: all become visible,
   * or none. A mail event too large to publish even with its bodies and attachment list cut is set aside too.
   *
   * @return every message set aside: those given, and those that did not fit
   */
  List<MessageSetAside> commit(List<EmailEvent> events, List<MessageSetAside> setAside, FolderCursor cursor);

  /** Publishes mail read again outside the folder's cursor (caught-up mail), all or none. */
  void publish(List<EmailEvent> events);

  void report(SyncStatusReported status);

  /** Records, for whichever worker owns the connection next, that it is held back, or no longer is. */
  default void recordHold(SyncHold.Change change) {}

  /*
   * Each method throws OwnershipLost when the partition moved to another worker meanwhile: nothing of it is committed.
   */
}
