package com.emailsync.syncworker.sync;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How far a folder is synced: the worker's own type; on the wire it travels as {@code FolderCursorAdvanced}, in the
 * same transaction as the mail it covers.
 *
 * @param lastUid the highest UID whose mail is published (or set aside)
 * @param resyncGeneration the connection's resync generation the cursor belongs to: a resync starts over
 * @param lastMessageId the Message-ID of the last mail published, by which the cursor finds its place again when the
 *     server renumbers the folder
 * @param lastReceivedAt that mail's INTERNALDATE, when its Message-ID is not found
 * @param seen the UIDs read so far, published or not (set aside, outside the backfill window)
 * @param highestModSeq the folder's HIGHESTMODSEQ (RFC 7162 CONDSTORE) when the pass that wrote the cursor selected
 *     it; 0 when the server does not keep one. Unchanged, and no UID above the cursor: nothing arrived, and the next
 *     pass skips the folder without selecting it
 */
public record FolderCursor(
    String connectionId,
    String folder,
    long uidValidity,
    long lastUid,
    long resyncGeneration,
    @Nullable String lastMessageId,
    @Nullable Instant lastReceivedAt,
    SeenUids seen,
    long highestModSeq) {

  public FolderCursor {
    seen = seen == null ? SeenUids.NONE : seen;
  }

  /** A cursor of a server without CONDSTORE, or from a worker that kept no HIGHESTMODSEQ. */
  public FolderCursor(
      String connectionId, String folder, long uidValidity, long lastUid, long resyncGeneration, @Nullable String lastMessageId,
      @Nullable Instant lastReceivedAt, SeenUids seen) {
    this(connectionId, folder, uidValidity, lastUid, resyncGeneration, lastMessageId, lastReceivedAt, seen, 0);
  }

  /** UIDs the cursor covers: those read, or for a cursor of an older worker, which kept none, all up to its last UID. */
  public SeenUids covered() {
    return seen.isEmpty() ? SeenUids.upTo(lastUid) : seen;
  }
}
