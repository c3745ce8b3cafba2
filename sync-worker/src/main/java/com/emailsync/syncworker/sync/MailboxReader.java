package com.emailsync.syncworker.sync;

import com.emailsync.events.ConnectionChanged;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: reads a mailbox. */
public interface MailboxReader {

  /**
   * A session on the connection's mailbox: the one kept open since its last pass when there is one (same server, same
   * password, still connected), else a new login. Providers lock accounts that log in every minute.
   *
   * @throws MailboxReadFailure when the mailbox cannot be opened, with the status and a reason to show
   */
  Session open(String connectionId, ConnectionChanged.Imap imap, String password) throws MailboxReadFailure;

  /** Ends the connection's kept session, if any: it was deleted, changed or moved to another worker. */
  default void forget(String connectionId) {}

  /** One logged-in session; folders are opened one at a time. Closing it keeps the login for the next pass. */
  interface Session extends AutoCloseable {

    /** @return the folder opened read-only, or empty when the mailbox has no such folder */
    Optional<Folder> folder(String name) throws MailboxReadFailure;

    /**
     * The folder's numbers by STATUS, without selecting it: whether anything arrived since a cursor costs one round
     * trip. Empty when the mailbox has no such folder.
     */
    default Optional<FolderState> state(String name) throws MailboxReadFailure {
      return Optional.empty();
    }

    /**
     * On Gmail (X-GM-EXT-1), the label behind each folder ({@code \Inbox}, {@code \Sent}, a user label by its name);
     * none for folders without one (All Mail) and on other servers.
     */
    default Map<String, String> gmailLabels() {
      return Map.of();
    }

    @Override
    void close();
  }

  /**
   * A batch as the server sent it. Parsing it needs no server: any thread may, once, while the session downloads the
   * next batch.
   *
   * @param size how many messages it holds; none at the folder's end
   * @param lastUid the highest UID in it, after which the next batch starts
   */
  record Downloaded(int size, long lastUid, Parse parser) {

    /** Turns a downloaded batch into mail. */
    @FunctionalInterface
    public interface Parse {
      List<Fetched> parse() throws MailboxReadFailure;
    }

    /** Each message read, or said to be unreadable, in UID order. */
    public List<Fetched> parse() throws MailboxReadFailure {
      return parser.parse();
    }

    public boolean isEmpty() {
      return size == 0;
    }

    /** A batch parsed as it was fetched. */
    public static Downloaded parsed(long after, List<Fetched> fetched) {
      return new Downloaded(fetched.size(), fetched.stream().mapToLong(Fetched::uid).max().orElse(after), () -> fetched);
    }
  }

  /** @param highestModSeq the folder's HIGHESTMODSEQ (RFC 7162); 0 when the server keeps none */
  record FolderState(long uidValidity, long uidNext, long highestModSeq) {}

  interface Folder extends AutoCloseable {

    long uidValidity();

    /** HIGHESTMODSEQ when the folder was selected (RFC 7162 CONDSTORE); 0 when the server keeps none. */
    default long highestModSeq() {
      return 0;
    }

    /** UIDs from {@code first} to {@code last} of the messages changed (or added) after the modification sequence. */
    default List<Long> uidsChangedSince(long first, long last, long modSeq) throws MailboxReadFailure {
      return uidsBetween(first, last);
    }

    /** Whether this is the account's {@code \Sent} folder, whatever it is called. */
    boolean isSent();

    /**
     * The highest UID below the first mail the server received at or after the instant (INTERNALDATE): where a first
     * sync starts from when the folder has no recorded start.
     */
    long lastUidBefore(Instant instant) throws MailboxReadFailure;

    /**
     * Up to {@code limit} messages with a UID above {@code uid}, in UID order, fetched in bulk; each one read, or said
     * to be unreadable.
     *
     * @throws MailboxReadFailure when the session fails (the server went away, a timeout), not when a message does
     */
    List<Fetched> fetchAfter(long uid, int limit) throws MailboxReadFailure;

    /**
     * The same batch as {@link #fetchAfter}, downloaded but not yet parsed, so that the session can download the next
     * batch while this one is parsed. By default fetched and parsed at once.
     */
    default Downloaded downloadAfter(long uid, int limit) throws MailboxReadFailure {
      return Downloaded.parsed(uid, fetchAfter(uid, limit));
    }

    /** The lowest UID of a message with this Message-ID (UID SEARCH HEADER), if the folder has one. */
    java.util.OptionalLong uidOf(String messageId) throws MailboxReadFailure;

    /** The UIDs of the messages in the folder from {@code first} to {@code last}, ascending. */
    List<Long> uidsBetween(long first, long last) throws MailboxReadFailure;

    /** The messages of these UIDs that are still in the folder, in UID order. */
    List<Fetched> fetchUids(Collection<Long> uids) throws MailboxReadFailure;

    @Override
    void close();
  }
}
