package com.emailsync.syncworker.sync;

/**
 * How far a folder is synced: the worker's own type; on the wire it travels as {@code FolderCursorAdvanced}, in the
 * same transaction as the mail it covers.
 *
 * @param lastUid the highest UID whose mail is published (or set aside)
 * @param resyncGeneration the connection's resync generation the cursor belongs to: a resync starts over
 */
public record FolderCursor(String connectionId, String folder, long uidValidity, long lastUid, long resyncGeneration) {}
