package com.emailsync.syncworker.sync.imap;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.imap.FolderLister;
import com.emailsync.imap.ImapFailure;
import com.emailsync.imap.ImapSessions;
import com.emailsync.imap.MailFolder;
import com.emailsync.syncworker.sync.Fetched;
import com.emailsync.syncworker.sync.FetchedMail;
import com.emailsync.syncworker.sync.UnreadableMail;
import com.emailsync.syncworker.sync.MailboxReadFailure;
import com.emailsync.syncworker.sync.MailboxReader;
import jakarta.mail.FetchProfile;
import jakarta.mail.FolderClosedException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.util.HashMap;
import java.util.TreeMap;
import org.eclipse.angus.mail.iap.Response;
import com.emailsync.events.GmailIds;
import com.emailsync.imap.GmailAwareImapStore;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxDecoder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.jspecify.annotations.Nullable;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import com.emailsync.events.StableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;

/**
 * Reads mailboxes over IMAP with Angus Mail: one LIST per kept login every few minutes and, per batch, one FETCH of receipt times, sizes,
 * structures and the headers the parser reads, then one per shape of message (which sections hold its bodies) of only
 * the start of those text sections: attachment bytes are never downloaded, and no message costs more than its headers
 * and two section windows, whatever size the server states. A connection's login is kept between passes (Angus Mail
 * pools the folder connections of a store), so a pass costs no LOGIN.
 */
public class AngusMailboxReader implements MailboxReader {

  private final ImapSessions sessions;
  private final MimeMailParser parser;
  private final long batchBytes;
  private final Clock clock;
  private final Map<String, KeptStore> keptStores = new ConcurrentHashMap<>();
  /** How long a kept login's folder listing serves passes before it is listed again. */
  static final Duration LISTING_KEPT = Duration.ofMinutes(10);

  /** The start of a text section as the server sent it, and the window asked for: one it filled was cut. */
  private record FetchedText(byte[] raw, int window) {}

  /** @param batchBytes how many bytes of text one batch may ask for: a batch ends early rather than exceed it */
  public AngusMailboxReader(ImapSessions sessions, MimeMailParser parser, long batchBytes, Clock clock) {
    this.sessions = sessions;
    this.parser = parser;
    this.batchBytes = batchBytes;
    this.clock = clock;
  }

  @Override
  public Session open(String connectionId, ConnectionChanged.Imap imap, String password) throws MailboxReadFailure {
    String fingerprint = StableId.of(imap.toString(), password);
    KeptStore kept = kept(connectionId, fingerprint);
    if (kept == null) {
      try {
        kept = new KeptStore(sessions.connect(imap, password), fingerprint);
      } catch (ImapFailure failure) {
        throw failed(failure);
      }
      kept.acquire();
      KeptStore replaced = keptStores.put(connectionId, kept);
      if (replaced != null) {
        replaced.retire();
      }
    }
    try {
      return new AngusSession(connectionId, imap, kept, kept.folders(false));
    } catch (MessagingException e) {
      kept.release();
      forget(connectionId);
      throw failed(ImapFailure.from(e, imap));
    }
  }

  /** The connection's kept login, taken for a pass, if it is for the same server and password and still connected. */
  private KeptStore kept(String connectionId, String fingerprint) {
    KeptStore kept = keptStores.get(connectionId);
    if (kept == null) {
      return null;
    }
    if (kept.fingerprint().equals(fingerprint) && kept.store().isConnected() && kept.acquire()) {
      return kept;
    }
    forget(connectionId);
    return null;
  }

  /** The login ends once no pass uses it any more, never under a running pass. */
  @Override
  public void forget(String connectionId) {
    KeptStore kept = keptStores.remove(connectionId);
    if (kept != null) {
      kept.retire();
    }
  }

  /** How many logins are kept between passes now. */
  public int keptSessions() {
    return keptStores.size();
  }

  /** Logs out of the sessions no pass used for a while (a connection waiting out a rejected password, say). */
  public void closeUnusedFor(Duration unused) {
    Instant before = clock.instant().minus(unused);
    keptStores.forEach((connectionId, kept) -> {
      if (kept.idleSince(before) && keptStores.remove(connectionId, kept)) {
        kept.retire();
      }
    });
  }

  /** A login kept between passes, under a hash of the server and password it was made with. */
  private final class KeptStore {
    private final Store store;
    private final String fingerprint;
    private int inUse;
    private boolean retired;
    private Instant lastUsed = clock.instant();
    private Map<String, MailFolder> folders;
    private Instant listedAt;

    KeptStore(Store store, String fingerprint) {
      this.store = store;
      this.fingerprint = fingerprint;
    }

    Store store() {
      return store;
    }

    String fingerprint() {
      return fingerprint;
    }

    /**
     * The mailbox's folders, by one LIST, kept with the login for {@link #LISTING_KEPT}: a pass over a mailbox whose
     * folders did not change costs no LIST (on Gmail, one line per label). A folder a pass asks for that the kept listing
     * lacks makes it list again ({@code fresh}) before the folder counts as missing.
     */
    synchronized Map<String, MailFolder> folders(boolean fresh) throws MessagingException {
      if (fresh || folders == null || listedAt.isBefore(clock.instant().minus(LISTING_KEPT))) {
        folders = FolderLister.list(store).stream().collect(Collectors.toMap(MailFolder::name, Function.identity(), (a, b) -> a));
        listedAt = clock.instant();
      }
      return folders;
    }

    /** @return false when it is being retired and must not be used any more */
    synchronized boolean acquire() {
      if (retired) {
        return false;
      }
      inUse++;
      return true;
    }

    synchronized void release() {
      inUse--;
      lastUsed = clock.instant();
      if (retired && inUse == 0) {
        closeLater();
      }
    }

    synchronized boolean idleSince(Instant before) {
      return inUse == 0 && lastUsed.isBefore(before);
    }

    synchronized void retire() {
      if (!retired) {
        retired = true;
        if (inUse == 0) {
          closeLater();
        }
      }
    }

    /** LOGOUT takes a round trip: never on the caller's thread, which may be a rebalance. */
    private void closeLater() {
      Thread.ofVirtual().start(() -> closeQuietly(store));
    }
  }

  static MailboxReadFailure failed(ImapFailure failure) {
    SyncStatusReported.Status status =
        switch (failure.kind()) {
          // Each waits for the owner like a rejected password; the sentence says which it is and what to do.
          case AUTHENTICATION_FAILED, APP_PASSWORD_REQUIRED, WEB_LOGIN_REQUIRED, IMAP_DISABLED -> SyncStatusReported.Status.AUTHENTICATION_FAILED;
          case HOST_UNREACHABLE, TLS_ERROR, HOST_NOT_ALLOWED, TIMEOUT -> SyncStatusReported.Status.CONNECTION_FAILED;
          case FOLDER_NOT_FOUND -> SyncStatusReported.Status.FOLDER_NOT_FOUND;
          case SERVER_ERROR -> SyncStatusReported.Status.FAILED;
          case THROTTLED -> SyncStatusReported.Status.THROTTLED;
        };
    return new MailboxReadFailure(status, failure.kind().reason(), failure.getMessage());
  }

  /** Also for the watch's sessions: closing one that already failed has nothing to report. */
  static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing a connection that already failed has nothing left to report.
    }
  }

  private final class AngusSession implements Session {
    private final String connectionId;
    private final ConnectionChanged.Imap imap;
    private final KeptStore kept;
    private final Store store;
    private Map<String, MailFolder> folders;
    private boolean listedAgain;
    private Boolean condstore;
    private Boolean gmail;

    AngusSession(String connectionId, ConnectionChanged.Imap imap, KeptStore kept, Map<String, MailFolder> folders) {
      this.connectionId = connectionId;
      this.imap = imap;
      this.kept = kept;
      this.store = kept.store();
      this.folders = folders;
    }

    /** The folder as listed; a folder the kept listing lacks (made since) is looked for in a new LIST, once a pass. */
    private @Nullable MailFolder listed(String name) throws MailboxReadFailure {
      if (!folders.containsKey(name)) {
        listAgain();
      }
      return folders.get(name);
    }

    /**
     * Whether a folder the server just refused to open or report on is gone since the kept listing: the pass then says
     * so, as it does for a folder missing from a listing, rather than fail.
     */
    private boolean goneSinceListed(String name) throws MailboxReadFailure {
      listAgain();
      return !folders.containsKey(name);
    }

    private void listAgain() throws MailboxReadFailure {
      if (listedAgain) {
        return;
      }
      listedAgain = true;
      try {
        folders = kept.folders(true);
      } catch (MessagingException e) {
        throw failed(ImapFailure.from(e, imap));
      }
    }

    @Override
    public Optional<MailboxReader.Folder> folder(String name) throws MailboxReadFailure {
      MailFolder listed = listed(name);
      if (listed == null) {
        return Optional.empty();
      }
      try {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        boolean condstore = condstore();
        if (condstore) {
          // SELECT ... (CONDSTORE): the answer carries HIGHESTMODSEQ, which the cursor keeps. Not QRESYNC, though it would
          // save the CHANGEDSINCE round trip: ENABLE QRESYNC lasts for the connection, the server then reports expunges
          // as VANISHED, and Angus Mail 2.0.5 mishandles those in an open folder (a VANISHED of several UIDs fails with a
          // NullPointerException; one of a message it has not loaded leaves its sequence numbers wrong, and this reader
          // reads windows by sequence number).
          folder.open(jakarta.mail.Folder.READ_ONLY, org.eclipse.angus.mail.imap.ResyncData.CONDSTORE);
        } else {
          folder.open(jakarta.mail.Folder.READ_ONLY);
        }
        return Optional.of(new AngusFolder(imap, folder, listed.isSent(), condstore, gmail()));
      } catch (jakarta.mail.FolderNotFoundException e) {
        if (goneSinceListed(name)) {
          return Optional.empty();
        }
        throw failed(ImapFailure.from(e, imap));
      } catch (MessagingException e) {
        if (keptStores.remove(connectionId, kept)) {
          kept.retire();
        }
        throw failed(ImapFailure.from(e, imap));
      }
    }

    @Override
    public Optional<MailboxReader.FolderState> state(String name) throws MailboxReadFailure {
      if (listed(name) == null) {
        return Optional.empty();
      }
      try {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        // One STATUS for all three items: Angus Mail's getters would send one STATUS each, a round trip apiece (and on
        // a large Maildir, Dovecot rescans the folder for each).
        boolean condstore = condstore();
        String[] items = condstore ? new String[] {"UIDVALIDITY", "UIDNEXT", "HIGHESTMODSEQ"} : new String[] {"UIDVALIDITY", "UIDNEXT"};
        var status = (org.eclipse.angus.mail.imap.protocol.Status) folder.doCommand(protocol -> protocol.status(folder.getFullName(), items));
        return Optional.of(new MailboxReader.FolderState(status.uidvalidity, status.uidnext, condstore ? status.highestmodseq : 0));
      } catch (MessagingException e) {
        if (store.isConnected() && goneSinceListed(name)) {
          return Optional.empty();
        }
        throw failed(ImapFailure.from(e, imap));
      }
    }

    @Override
    public Map<String, String> gmailLabels() {
      try {
        if (!gmail()) {
          return Map.of();
        }
      } catch (MessagingException e) {
        return Map.of();
      }
      Map<String, String> labels = new HashMap<>();
      folders.values().forEach(folder -> folder.gmailLabel().ifPresent(label -> labels.put(folder.name(), label)));
      return labels;
    }

    /** Whether the server is Gmail's (X-GM-EXT-1): asked once per pass, as CONDSTORE is. */
    private boolean gmail() throws MessagingException {
      if (gmail == null) {
        gmail = ((org.eclipse.angus.mail.imap.IMAPStore) store).hasCapability(GmailAwareImapStore.GMAIL_EXTENSION);
      }
      return gmail;
    }

    /** Asked of the server once per pass: the capability cannot change within a login. */
    private boolean condstore() throws MessagingException {
      if (condstore == null) {
        condstore = ((org.eclipse.angus.mail.imap.IMAPStore) store).hasCapability("CONDSTORE");
      }
      return condstore;
    }

    /** The login stays for the next pass; a store that lost its connection is dropped, and the next pass logs in. */
    @Override
    public void close() {
      kept.release();
      if (!store.isConnected() && keptStores.remove(connectionId, kept)) {
        kept.retire();
      }
    }
  }

  private final class AngusFolder implements MailboxReader.Folder {
    private final ConnectionChanged.Imap imap;
    private final IMAPFolder folder;
    private final boolean sent;

    private final boolean condstore;
    private final boolean gmail;

    AngusFolder(ConnectionChanged.Imap imap, IMAPFolder folder, boolean sent, boolean condstore, boolean gmail) {
      this.imap = imap;
      this.folder = folder;
      this.sent = sent;
      this.condstore = condstore;
      this.gmail = gmail;
    }

    @Override
    public long highestModSeq() {
      try {
        return condstore ? folder.getHighestModSeq() : 0;
      } catch (MessagingException e) {
        return 0;
      }
    }

    @Override
    public List<Long> uidsChangedSince(long from, long last, long modSeq) throws MailboxReadFailure {
      long first = Math.max(1, from);
      if (!condstore || last < first) {
        return uidsBetween(first, last);
      }
      try {
        // UID FETCH first:last (UID) (CHANGEDSINCE modSeq): only what changed, flags included, never the whole range.
        return uidsIn(folder.getMessagesByUIDChangedSince(first, last, modSeq), first, last);
      } catch (MessagingException e) {
        throw failed(ImapFailure.from(e, imap));
      }
    }

    @Override
    public long uidValidity() {
      try {
        return folder.getUIDValidity();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public boolean isSent() {
      return sent;
    }

    @Override
    public long lastUidBefore(Instant instant) throws MailboxReadFailure {
      try {
        // SEARCH SINCE has day granularity: it finds a superset, whose exact INTERNALDATEs one FETCH then reads.
        Message[] since = folder.search(new ReceivedDateTerm(ComparisonTerm.GE, Date.from(instant.minusSeconds(86_400))));
        folder.fetch(since, profile(UIDFolder.FetchProfileItem.UID, IMAPFolder.FetchProfileItem.INTERNALDATE));
        long firstAfter = Long.MAX_VALUE;
        for (Message message : since) {
          Date received = message.getReceivedDate();
          if (received != null && !received.toInstant().isBefore(instant)) {
            firstAfter = Math.min(firstAfter, uid(message));
          }
        }
        return firstAfter == Long.MAX_VALUE ? folder.getUIDNext() - 1 : firstAfter - 1;
      } catch (MessagingException e) {
        throw failed(ImapFailure.from(e, imap));
      }
    }

    @Override
    public List<Fetched> fetchAfter(long uid, int limit) throws MailboxReadFailure {
      return downloadAfter(uid, limit).parse();
    }

    @Override
    public MailboxReader.Downloaded downloadAfter(long uid, int limit) throws MailboxReadFailure {
      try {
        // A window of sequence numbers, not "UID n:*": that would list every message above the cursor on every batch,
        // which makes a backfill of n messages cost n squared lines. UIDs ascend with sequence numbers, so the window
        // after the cursor's message holds the next UIDs.
        int count = folder.getMessageCount();
        int start = firstSequenceAbove(uid, count);
        if (start > count) {
          return MailboxReader.Downloaded.parsed(uid, List.of());
        }
        Message[] window = folder.getMessages(start, Math.min(count, start + limit - 1));
        folder.fetch(window, profile(UIDFolder.FetchProfileItem.UID));
        List<Message> newer = Arrays.stream(window).filter(m -> uid(m) > uid).sorted(Comparator.comparingLong(this::uid)).toList();
        return download(newer, uid);
      } catch (MessagingException e) {
        throw failed(ImapFailure.from(e, imap));
      }
    }

    /**
     * The sequence number of the first message with a UID above {@code uid}; {@code count + 1} when there is none. One
     * UID FETCH of the cursor's own message; only when that one is gone, a binary search over sequence numbers.
     */
    private int firstSequenceAbove(long uid, int count) throws MessagingException {
      if (count == 0 || uid < 1) {
        // Every message is above "nothing yet" (a backfill of all mail): no search.
        return 1;
      }
      Message atCursor = folder.getMessageByUID(uid);
      if (atCursor != null) {
        return atCursor.getMessageNumber() + 1;
      }
      int low = 1;
      int high = count + 1;
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (uid(folder.getMessage(middle)) > uid) {
          high = middle;
        } else {
          low = middle + 1;
        }
      }
      return low;
    }

    @Override
    public java.util.OptionalLong uidOf(String messageId) throws MailboxReadFailure {
      try {
        Message[] found = folder.search(new jakarta.mail.search.MessageIDTerm("<" + messageId + ">"));
        if (found.length == 0) {
          return java.util.OptionalLong.empty();
        }
        folder.fetch(found, profile(UIDFolder.FetchProfileItem.UID));
        // Of two messages sharing the id (a reuse, a duplicate), the first: publishing again is harmless, skipping is not.
        return java.util.OptionalLong.of(Arrays.stream(found).mapToLong(this::uid).min().orElseThrow());
      } catch (MessagingException e) {
        throw failed(ImapFailure.from(e, imap));
      }
    }

    @Override
    public List<Long> uidsBetween(long from, long last) throws MailboxReadFailure {
      // UIDs start at 1: a server answers "0:n" with BAD.
      long first = Math.max(1, from);
      if (last < first) {
        return List.of();
      }
      try {
        // UID FETCH first:last (UID): one line per message; no content.
        return uidsIn(folder.getMessagesByUID(first, last), first, last);
      } catch (MessagingException e) {
        throw failed(ImapFailure.from(e, imap));
      }
    }

    /** The UIDs of the answer that lie in the range, ascending: a server may add the highest message to any range. */
    private List<Long> uidsIn(Message[] answer, long first, long last) {
      return Arrays.stream(answer).map(this::uid).filter(uid -> uid >= first && uid <= last).sorted().toList();
    }

    @Override
    public List<Fetched> fetchUids(Collection<Long> uids) throws MailboxReadFailure {
      try {
        // UID FETCH of the given set: UIDs no longer in the folder come back as null and are left out.
        List<Message> present =
            Arrays.stream(folder.getMessagesByUID(uids.stream().mapToLong(Long::longValue).sorted().toArray()))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparingLong(this::uid))
                .toList();
        return download(present, 0).parse();
      } catch (MessagingException e) {
        throw failed(ImapFailure.from(e, imap));
      }
    }

    /**
     * Bulk FETCHes of the batch; each message is parsed on its own later, and forgotten then: Angus Mail keeps every
     * message of an open folder, and a backfill's pass would otherwise hold the headers and structure of the whole
     * folder. A server that fails a bulk FETCH over one message (it cannot parse it either) gets the batch one message at
     * a time, so only that one is set aside. The batch ends early where its text would exceed the byte budget.
     *
     * @param after the UID the batch comes after: its last UID when it holds none
     */
    private MailboxReader.Downloaded download(List<Message> listed, long after) throws MessagingException {
      if (listed.isEmpty()) {
        return MailboxReader.Downloaded.parsed(after, List.of());
      }
      Map<Message, String> unfetchable = new HashMap<>();
      Map<Long, Map<String, FetchedText>> texts = new HashMap<>();
      Map<Long, MimeMailParser.Structure> structures = new HashMap<>();
      List<Message> messages;
      try {
        messages = fetchStructuresAndTexts(listed, new TextFetchPlan(batchBytes), texts, structures);
      } catch (FolderClosedException | StoreClosedException sessionGone) {
        throw sessionGone;
      } catch (MessagingException batchFailed) {
        texts.clear();
        structures.clear();
        messages = new ArrayList<>();
        var plan = new TextFetchPlan(batchBytes);
        for (Message message : listed) {
          try {
            if (fetchStructuresAndTexts(List.of(message), plan, texts, structures).isEmpty()) {
              break;
            }
          } catch (FolderClosedException | StoreClosedException sessionGone) {
            throw sessionGone;
          } catch (MessagingException e) {
            unfetchable.put(message, "the mail server could not send it (" + e.getMessage() + ")");
          }
          messages.add(message);
        }
      }
      Map<Long, GmailIds> gmailIds = gmail ? gmailIdsOrNone(messages) : Map.of();
      // The UIDs are read here, on the session's thread: the folder's getUID takes the folder's lock, which a download of
      // the next batch holds while the parse runs.
      List<Message> planned = List.copyOf(messages);
      long[] uids = planned.stream().mapToLong(this::uid).toArray();
      return new MailboxReader.Downloaded(planned.size(), Arrays.stream(uids).max().orElse(after), () -> {
        List<Fetched> fetched = new ArrayList<>(planned.size());
        try {
          for (int i = 0; i < planned.size(); i++) {
            var message = (IMAPMessage) planned.get(i);
            long uid = uids[i];
            String failure = unfetchable.get(message);
            Fetched read = failure != null
                ? new UnreadableMail(uid, null, failure, true)
                : parsed(message, uid, structures.get(uid), texts.getOrDefault(uid, Map.of()), gmailIds.get(uid));
            message.invalidateHeaders();
            // Deleted by a client after its download, its EXPUNGE brought by the download of the next batch meanwhile:
            // no longer in the folder, as if deleted before (what was read of it may be cut short). Not unreadable.
            if (!message.isExpunged()) {
              fetched.add(read);
            }
          }
        } catch (MessagingException e) {
          throw failed(ImapFailure.from(e, imap));
        }
        return fetched;
      });
    }

    /**
     * BODYSTRUCTURE and the headers the parser reads, for all of the messages in one FETCH; then the start of the text
     * sections of those the plan's budget holds, keyed by UID and section.
     *
     * @return the messages planned, in order: the first ones of {@code messages}, none when the plan was full already
     */
    private List<Message> fetchStructuresAndTexts(List<Message> messages, TextFetchPlan plan, Map<Long, Map<String, FetchedText>> texts,
        Map<Long, MimeMailParser.Structure> structures) throws MessagingException {
      // One FETCH for all a message's parser needs but its text: receipt time, SIZE (a message of one part states its
      // body's size by it, which sizes the window asked for), structure and the headers read.
      FetchProfile items = profile(UIDFolder.FetchProfileItem.UID, IMAPFolder.FetchProfileItem.INTERNALDATE, FetchProfile.Item.SIZE, FetchProfile.Item.CONTENT_INFO);
      MimeMailParser.HEADERS_READ.forEach(items::add);
      folder.fetch(messages.toArray(Message[]::new), items);
      List<Message> planned = new ArrayList<>(messages.size());
      for (Message message : messages) {
        // The structure read once: planned here, parsed by it later.
        MimeMailParser.Structure structure = parser.structure((IMAPMessage) message);
        List<TextFetchPlan.Request> requests = structure.textSections().stream()
            .map(section -> new TextFetchPlan.Request(section.name(), parser.windowFor(section.statedBytes())))
            .toList();
        if (!plan.add(uid(message), requests)) {
          break;
        }
        planned.add(message);
        structures.put(uid(message), structure);
      }
      for (var shape : plan.takeFetches().entrySet()) {
        fetchSections(shape.getValue(), shape.getKey(), texts);
      }
      return planned;
    }

    /**
     * UID FETCH uids (UID BODY.PEEK[s]<0.window> ...): the first window of each section, for messages of one shape.
     * Angus Mail can fetch only the same items for every message, and a section only one message at a time.
     */
    private void fetchSections(List<Long> uids, List<TextFetchPlan.Request> requests, Map<Long, Map<String, FetchedText>> texts) throws MessagingException {
      Map<String, Integer> windows = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      requests.forEach(request -> windows.put(request.section(), request.window()));
      String items = requests.stream().map(request -> "BODY.PEEK[" + request.section() + "]<0." + request.window() + ">").collect(Collectors.joining(" "));
      Response[] answer = uidFetch(uids, items);
      for (Response response : answer) {
        if (response instanceof FetchResponse fetch && fetch.getItem(UID.class) instanceof UID uid) {
          for (int i = 0; i < fetch.getItemCount(); i++) {
            if (fetch.getItem(i) instanceof BODY body && body.getByteArray() != null && windows.get(body.getSection()) instanceof Integer window) {
              texts.computeIfAbsent(uid.uid, u -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER))
                  .put(body.getSection(), new FetchedText(body.getByteArray().getNewBytes(), window));
            }
          }
        }
      }
    }

    /**
     * Gmail's ids, or none when the server would not give them: the mail is then published without them (a copy in
     * another folder is published too), never held back.
     */
    private Map<Long, GmailIds> gmailIdsOrNone(List<Message> messages) throws MessagingException {
      try {
        return gmailIds(messages);
      } catch (FolderClosedException | StoreClosedException sessionGone) {
        throw sessionGone;
      } catch (MessagingException refused) {
        return Map.of();
      }
    }

    /**
     * UID FETCH uids (X-GM-MSGID X-GM-THRID X-GM-LABELS): on Gmail, what makes one event of a message that shows in
     * several folders, and its conversation.
     */
    private Map<Long, GmailIds> gmailIds(List<Message> messages) throws MessagingException {
      Response[] answer = uidFetch(messages.stream().map(this::uid).toList(),
          String.join(" ", GmailAwareImapStore.MESSAGE_ID, GmailAwareImapStore.THREAD_ID, GmailAwareImapStore.LABELS));
      Map<Long, GmailIds> ids = new HashMap<>();
      for (Response response : answer) {
        if (response instanceof FetchResponse fetch && fetch.getItem(UID.class) instanceof UID uid
            && fetch.getExtensionItems() instanceof Map<String, Object> items && items.get(GmailAwareImapStore.MESSAGE_ID) instanceof Long messageId) {
          long threadId = items.get(GmailAwareImapStore.THREAD_ID) instanceof Long thread ? thread : 0;
          @SuppressWarnings("unchecked")
          List<String> labels = items.get(GmailAwareImapStore.LABELS) instanceof List<?> list ? (List<String>) list : List.of();
          ids.put(uid.uid, new GmailIds(messageId, threadId, labels.stream().map(BASE64MailboxDecoder::decode).toList()));
        }
      }
      return ids;
    }

    /** UID FETCH of the given items (UID always) for the UIDs, as one command; the untagged answers it got. */
    private Response[] uidFetch(List<Long> uids, String items) throws MessagingException {
      String set = UIDSet.toString(UIDSet.createUIDSets(uids.stream().mapToLong(Long::longValue).sorted().toArray()));
      return (Response[]) folder.doCommand(protocol -> {
        Response[] responses = protocol.command("UID FETCH " + set + " (UID " + items + ")", null);
        protocol.notifyResponseHandlers(responses);
        protocol.handleResult(responses[responses.length - 1]);
        return responses;
      });
    }

    /**
     * Whatever the message holds, it becomes an event or a reason; a lost session stops the batch, a server that did not
     * send the message marks it to be tried again. Needs the server only for a text section the bulk answer lacked.
     */
    private Fetched parsed(IMAPMessage message, long uid, MimeMailParser.Structure structure, Map<String, FetchedText> texts,
        @Nullable GmailIds gmailIds) throws MessagingException {
      try {
        Date received = message.getReceivedDate();
        Instant receivedAt = received == null ? Instant.EPOCH : received.toInstant();
        return new FetchedMail(uid, receivedAt, parser.parse(message, receivedAt, fetchedTexts(texts), structure).withGmail(gmailIds));
      } catch (FolderClosedException | StoreClosedException sessionGone) {
        throw sessionGone;
      } catch (MessagingException | RuntimeException e) {
        if (ServerSideFailure.isServerSide(e)) {
          if (ServerSideFailure.sessionEnded(e)) {
            throw new FolderClosedException(folder, "the session ended while reading UID " + uid);
          }
          return new UnreadableMail(uid, null, "the mail server did not send it (" + e.getMessage() + ")", true);
        }
        return new UnreadableMail(uid, null, "its content could not be read (" + e.getMessage() + ")", false);
      }
    }

    /** The parser reads the sections fetched, decoded by the part's transfer encoding; a section not sent is retried. */
    private MimeMailParser.TextSource fetchedTexts(Map<String, FetchedText> texts) {
      return (part, section) -> {
        FetchedText fetched = texts.get(section);
        if (fetched == null) {
          // Not in the bulk answer (one Angus Mail could not parse, a message expunged meanwhile): read on its own,
          // lazily and partially, as a part of a message at hand.
          return MimeMailParser.TextSource.OF_PART.open(part, section);
        }
        String encoding = part instanceof jakarta.mail.internet.MimePart mime ? mime.getEncoding() : null;
        return MimeMailParser.TextSource.fetched(fetched.raw(), encoding, fetched.window());
      };
    }

    private static FetchProfile profile(FetchProfile.Item... items) {
      var profile = new FetchProfile();
      for (FetchProfile.Item item : items) {
        profile.add(item);
      }
      return profile;
    }

    private long uid(Message message) {
      try {
        return folder.getUID(message);
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      try {
        folder.close(false);
      } catch (MessagingException ignored) {
        // A folder opened read-only has nothing to expunge or save on close.
      }
    }
  }
}
