package com.emailsync.syncworker.sync;

import com.emailsync.events.GmailIds;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * On Gmail a folder is a label, and a message shows in the folder of each label it carries (INBOX and "Customers"):
 * one mail, several UIDs. A copy is passed over (its UID still read) when this worker already committed the same
 * X-GM-MSGID for the connection from another selected folder, so a Gmail message makes one event whatever labels it
 * has. Only a committed publication counts, so a copy is never passed over for one that was not published: a message
 * whose other copy lies below its folder's start, or lost its label first, is published from the folder that has it.
 * What a worker remembers is not shared: after a restart or a move, a second copy is published again, under the same
 * event id (see {@code MailboxSync}), which consumers take as the replay it is.
 */
public final class GmailCopies {

  /** Message ids remembered per connection: far more than the mail that lands between two passes. */
  private static final int REMEMBERED = 500;

  private final Map<String, Map<Long, Boolean>> committed = new ConcurrentHashMap<>();

  /** Whether this copy's message was committed already from another folder of the connection. */
  public boolean publishedAlready(String connectionId, @Nullable GmailIds gmail) {
    if (gmail == null) {
      return false;
    }
    Map<Long, Boolean> ids = committed.get(connectionId);
    if (ids == null) {
      return false;
    }
    synchronized (ids) {
      return ids.containsKey(gmail.messageId());
    }
  }

  /**
   * Remembers messages whose events were committed, those that also show in another selected folder only: the rest
   * cannot be met again.
   *
   * @param selectedLabels the labels of the connection's selected folders
   */
  public void committed(String connectionId, Collection<GmailIds> published, Collection<String> selectedLabels) {
    for (GmailIds gmail : published) {
      if (selectedLabels.stream().filter(gmail::hasLabel).count() < 2) {
        continue;
      }
      Map<Long, Boolean> ids = committed.computeIfAbsent(connectionId, id -> new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
          return size() > REMEMBERED;
        }
      });
      synchronized (ids) {
        ids.put(gmail.messageId(), Boolean.TRUE);
      }
    }
  }

  /** The connection left this worker (deleted, moved): nothing of it is kept. */
  public void forget(String connectionId) {
    committed.remove(connectionId);
  }
}
