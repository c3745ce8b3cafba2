package com.emailsync.syncworker.sync.imap;

import com.emailsync.events.logging.LogContext;
import com.emailsync.imap.ImapFailure;
import com.emailsync.imap.ImapSessions;
import com.emailsync.syncworker.sync.Mailbox;
import com.emailsync.syncworker.sync.MailboxWatch;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each mailbox over sessions of its own. Where the server offers NOTIFY (RFC 5465), one session holds IMAP IDLE
 * (RFC 2177) on INBOX and is told of new mail in every other selected folder too (untagged STATUS), so a mailbox costs
 * one session whatever it selects. Elsewhere (Gmail), IDLE on INBOX and on the next selected folders, up to {@code
 * idleFolders} sessions per mailbox (providers limit them: Gmail to 15 per account); every {@code folderCheck} a STATUS
 * of the remaining folders (UIDNEXT moved on: new mail) over the first session's store connection, which IDLE does not
 * block. IDLE is renewed every {@code renewEvery}, well before the 29
 * minutes after which servers may drop it. A lost session reconnects with exponential backoff and jitter; a server
 * without IDLE gets the STATUS checks on every folder. One virtual thread per mailbox waits in IDLE: blocking reads
 * park it without holding a carrier thread.
 */
public class ImapIdleWatch implements MailboxWatch, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ImapIdleWatch.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private final ImapSessions sessions;
  private final ImapSessions idleOnlySessions;
  private final Duration renewEvery;
  private final Duration folderCheck;
  private final Duration longestRetry;
  private final Clock clock;
  private final int idleFolders;
  private final boolean notify;
  /** Servers (host:port) whose sessions took NOTIFY: their watches need no store connection for STATUS checks. */
  private final Set<String> notifyingServers = ConcurrentHashMap.newKeySet();
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();
  private final Thread checker;
  private volatile boolean closed;

  /**
   * @param sessions with a read timeout longer than {@code renewEvery}, and a separate store connection: for the
   *     session that also checks folders by STATUS
   * @param idleOnlySessions the same without a separate store connection: for the sessions that only hold IDLE, one
   *     connection each
   * @param renewEvery how long one IDLE command lasts before it is ended and started again
   * @param folderCheck how often the folders not in IDLE are checked with STATUS
   * @param longestRetry the longest wait between reconnection attempts
   * @param idleFolders how many of a mailbox's selected folders get an IDLE session of their own, INBOX first, where
   *     NOTIFY does not cover them
   * @param notify use NOTIFY where the server offers it
   */
  public ImapIdleWatch(
      ImapSessions sessions, ImapSessions idleOnlySessions, Duration renewEvery, Duration folderCheck, Duration longestRetry, int idleFolders,
      boolean notify, Clock clock) {
    this.sessions = sessions;
    this.idleOnlySessions = idleOnlySessions;
    this.idleFolders = Math.max(1, idleFolders);
    this.notify = notify;
    this.renewEvery = renewEvery;
    this.folderCheck = folderCheck;
    this.longestRetry = longestRetry;
    this.clock = clock;
    this.checker = Thread.ofVirtual().name("idle-checker").start(this::checkLoop);
  }

  /**
   * One session on INBOX, which covers the other folders by NOTIFY where it can; only where it cannot, the next folders
   * get IDLE sessions of their own, and the rest STATUS checks.
   */
  @Override
  public void watch(Mailbox mailbox, String password, Runnable newMail, boolean waitForLogin) {
    List<String> folders = new ArrayList<>(mailbox.folders());
    // INBOX first: it is where new mail lands.
    if (folders.remove("INBOX")) {
      folders.addFirst("INBOX");
    }
    Watch replaced;
    if (folders.isEmpty()) {
      replaced = watches.remove(mailbox.connectionId());
    } else {
      List<String> others = List.copyOf(folders.subList(1, folders.size()));
      List<String> ownSessions = others.subList(0, Math.min(idleFolders - 1, others.size()));
      var first = new Watch(mailbox, password, newMail, folders.getFirst(), others, ownSessions, waitForLogin);
      replaced = watches.put(mailbox.connectionId(), first);
      first.start();
      if (!notify) {
        first.startOwnSessions();
      }
    }
    if (replaced != null) {
      replaced.stop();
    }
  }

  @Override
  public void loginWorked(String connectionId) {
    Watch watch = watches.get(connectionId);
    if (watch != null) {
      watch.sessions().forEach(Watch::loginWorked);
    }
  }

  @Override
  public void stop(String connectionId) {
    Watch stopped = watches.remove(connectionId);
    if (stopped != null) {
      stopped.stop();
    }
  }

  /** How many IDLE sessions are held now. */
  public int watching() {
    return watches.values().stream().mapToInt(watch -> watch.sessions().size()).sum();
  }

  @Override
  public void close() {
    closed = true;
    checker.interrupt();
    List.copyOf(watches.keySet()).forEach(this::stop);
  }

  /**
   * Ticks as often as the folder checks or the IDLE renewals are due, whichever is more often. Each mailbox's work runs
   * on a virtual thread of its own: one slow server holds up no other mailbox.
   */
  private void checkLoop() {
    Duration tick = folderCheck.compareTo(renewEvery) < 0 ? folderCheck : renewEvery;
    while (!closed) {
      try {
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
      watches.values().forEach(first -> first.sessions().forEach(watch -> Thread.ofVirtual().start(watch::check)));
    }
  }

  private final class Watch {
    /** A session that held IDLE this long was healthy: the next failure starts the backoff over. */
    private static final Duration HEALTHY = Duration.ofMinutes(1);

    private final Mailbox mailbox;
    private final String password;
    private final Runnable newMail;
    /** The folder this session holds IDLE on. */
    private final String idled;
    /** The mailbox's other selected folders, for the first session; none for the sessions of a folder of their own. */
    private final List<String> others;
    /** Those of the others that get a session of their own where NOTIFY does not cover them. */
    private final List<String> ownSessionFolders;
    /** The sessions of those folders, once started. */
    private final List<Watch> ownSessions = new CopyOnWriteArrayList<>();
    /** The folders this session checks by STATUS: those neither NOTIFY nor a session of their own covers. */
    private volatile List<String> checked;
    /** UIDNEXT of the folders NOTIFY reports, as last reported. */
    private final Map<String, Long> uidNextNotified = new ConcurrentHashMap<>();
    /** NOTIFY reported a change in another folder since the watch loop last looked. */
    private final AtomicBoolean otherFolderChanged = new AtomicBoolean();
    private final Map<String, Long> uidNextSeen = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean checking = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stopped;
    /** The server rejected the login: nothing is tried until a pass logs in again or the connection changes. */
    private volatile boolean parked;
    private volatile Store store;
    private volatile IMAPFolder idling;
    private volatile boolean idleSupported = true;
    private volatile Instant renewAt = Instant.MAX;
    private volatile Instant nextFolderCheck = Instant.MIN;

    Watch(Mailbox mailbox, String password, Runnable newMail, String idled, List<String> others, List<String> ownSessionFolders, boolean parked) {
      this.parked = parked;
      this.mailbox = mailbox;
      this.password = password;
      this.newMail = newMail;
      this.idled = idled;
      this.others = others;
      this.ownSessionFolders = ownSessionFolders;
      this.checked = others;
    }

    void start() {
      Thread.ofVirtual().name("idle-" + mailbox.connectionId() + "-" + idled).start(this::run);
    }

    /** This session and those of the folders with a session of their own. */
    List<Watch> sessions() {
      if (ownSessions.isEmpty()) {
        return List.of(this);
      }
      List<Watch> all = new ArrayList<>(ownSessions);
      all.addFirst(this);
      return all;
    }

    /** Once, when NOTIFY does not cover the other folders: the next ones get IDLE sessions, the rest STATUS checks. */
    synchronized void startOwnSessions() {
      if (stopped || !ownSessions.isEmpty() || ownSessionFolders.isEmpty()) {
        return;
      }
      for (String folder : ownSessionFolders) {
        var own = new Watch(mailbox, password, newMail, folder, List.of(), List.of(), parked);
        ownSessions.add(own);
        own.start();
      }
      checked = others.stream().filter(folder -> !ownSessionFolders.contains(folder)).toList();
    }

    void run() {
      // The watch's thread lives as long as the watch: its lines carry the connection from start to end.
      try (var ignored = LogContext.of(LogContext.TENANT, mailbox.tenantId(), LogContext.CONNECTION, mailbox.connectionId())) {
        watch();
      }
    }

    private void watch() {
      Duration retry = FIRST_RETRY;
      try {
        while (!stopped) {
          if (parked) {
            pause(null);
            continue;
          }
          Instant since = clock.instant();
          try {
            watchOnce();
          } catch (ImapFailure failure) {
            if (failure.kind().isCredentialProblem()) {
              // Trying a rejected password again and again is what gets accounts locked: the pass reports it, and the
              // watch resumes once a pass logs in again, or a new password starts a new watch.
              log.info("Watch of connection {} paused: the server rejected the login", mailbox.connectionId());
              parked = true;
              continue;
            }
            log.debug("Watch of connection {} could not connect; retrying in about {}", mailbox.connectionId(), retry);
          } catch (MessagingException | RuntimeException e) {
            log.debug("Watch of connection {} lost its session; reconnecting in about {}", mailbox.connectionId(), retry, e);
          } finally {
            closeStore();
          }
          retry = Duration.between(since, clock.instant()).compareTo(HEALTHY) >= 0 ? FIRST_RETRY : retry;
          pause(jittered(retry));
          retry = longer(retry);
        }
      } finally {
        closeStore();
      }
    }

    /** One session: log in, hold IDLE until it fails or the watch stops; without IDLE, the folder checks do the work. */
    private void watchOnce() throws ImapFailure, MessagingException {
      String server = mailbox.imap().host() + ":" + mailbox.imap().port();
      boolean storeConnection = !others.isEmpty() && !(notify && notifyingServers.contains(server));
      Store session = (storeConnection ? sessions : idleOnlySessions).connect(mailbox.imap(), password);
      if (!adopt(session)) {
        return;
      }
      IMAPFolder folder = (IMAPFolder) session.getFolder(idled);
      folder.open(Folder.READ_ONLY);
      if (ownSessions.isEmpty()) {
        // What NOTIFY covered on the last session it may not cover on this one.
        checked = others;
      }
      if (!others.isEmpty() && ownSessions.isEmpty()) {
        List<String> notified = notify ? notifyOthers(folder) : List.of();
        if (notified.isEmpty()) {
          startOwnSessions();
        } else {
          notifyingServers.add(server);
          checked = others.stream().filter(other -> !notified.contains(other)).toList();
        }
      }
      // The checked folders' UIDNEXT now, before the pass this asks for: a change from here on is new mail, and
      // whatever landed while no session watched is found by that pass.
      for (String name : statusChecked()) {
        uidNextSeen.put(name, ((IMAPFolder) session.getFolder(name)).getUIDNext());
      }
      idling = folder;
      newMail.run();
      int count = folder.getMessageCount();
      while (!stopped) {
        renewAt = clock.instant().plus(renewEvery);
        try {
          folder.idle(true);
        } catch (MessagingException e) {
          if (e.getMessage() == null || !e.getMessage().contains("IDLE not supported")) {
            throw e;
          }
          idleSupported = false;
          log.info("The server of connection {} does not support IDLE; its folders are checked every {}", mailbox.connectionId(), folderCheck);
          // The checks run over the store connection; this session lives until it drops, then the watch reconnects.
          while (!stopped && session.isConnected()) {
            pause(renewEvery);
          }
          return;
        }
        // Back from IDLE: a notification, or a renewal or check that ended it. A pass when a folder changed.
        int now = folder.getMessageCount();
        if (otherFolderChanged.getAndSet(false) | now != count) {
          newMail.run();
        }
        count = now;
      }
    }

    /**
     * NOTIFY SET STATUS (selected (MessageNew MessageExpunge)) (mailboxes (...) (MessageNew MessageExpunge)): from now on
     * the server tells this session of new mail in the other folders too, as untagged STATUS, which also ends IDLE.
     * Sent once per session: Dovecot 2.3 stops reporting after a second NOTIFY SET on the same session.
     *
     * @return the folders the server reports on (each answered with a first STATUS); none when it does not offer NOTIFY
     *     or refused it. A folder it accepted but does not report on (Dovecot matches non-ASCII names wrongly) stays
     *     in the STATUS checks.
     */
    private List<String> notifyOthers(IMAPFolder folder) throws MessagingException {
      // Asked over the folder's connection: asking the store would log in another connection for it.
      if (!Boolean.TRUE.equals(folder.doCommand(protocol -> protocol.hasCapability("NOTIFY")))) {
        return List.of();
      }
      // Dovecot refuses more than 100 names in one NOTIFY; the folders past those keep STATUS checks.
      List<String> named = others.subList(0, Math.min(100, others.size()));
      var names = new Argument();
      named.forEach(name -> names.writeString(BASE64MailboxEncoder.encode(name)));
      var events = new Argument().writeAtom("MessageNew").writeAtom("MessageExpunge");
      var set = new Argument().writeAtom("SET").writeAtom("STATUS")
          .writeArgument(new Argument().writeAtom("selected").writeArgument(events))
          .writeArgument(new Argument().writeAtom("mailboxes").writeArgument(names).writeArgument(events));
      uidNextNotified.clear();
      try {
        folder.doCommand(protocol -> {
          protocol.addResponseHandler(this::onUntagged);
          Response[] answer = protocol.command("NOTIFY", set);
          protocol.notifyResponseHandlers(answer);
          protocol.handleResult(answer[answer.length - 1]);
          return null;
        });
      } catch (FolderClosedException | StoreClosedException sessionGone) {
        throw sessionGone;
      } catch (MessagingException refused) {
        log.info("The server of connection {} refused NOTIFY ({}); its folders get sessions of their own", mailbox.connectionId(), refused.getMessage());
        return List.of();
      }
      return named.stream().filter(uidNextNotified::containsKey).toList();
    }

    /**
     * Runs on whichever thread reads the session's answers (IDLE's, a renewal's), under the folder's lock: it only
     * notes the change, for the watch loop to act on. Parses a copy, leaving the response for other handlers.
     */
    private void onUntagged(Response response) {
      if (response instanceof IMAPResponse untagged && untagged.keyEquals("STATUS")) {
        try {
          Status status = new Status(new IMAPResponse(untagged));
          Long before = uidNextNotified.put(status.mbox, status.uidnext);
          if (before != null && before != status.uidnext) {
            otherFolderChanged.set(true);
            // At once too: a change noted just before the loop enters IDLE again would otherwise wait for the renewal.
            newMail.run();
          }
        } catch (ProtocolException unreadable) {
          otherFolderChanged.set(true);
        }
      }
    }

    /** The folders this session checks by STATUS: its own too when the server has no IDLE. */
    private List<String> statusChecked() {
      if (idleSupported) {
        return checked;
      }
      List<String> all = new java.util.ArrayList<>(checked);
      all.addFirst(idled);
      return all;
    }

    /** Keeps the new session, unless the watch was stopped while it logged in: then it is closed at once. */
    private synchronized boolean adopt(Store session) {
      if (stopped) {
        AngusMailboxReader.closeQuietly(session);
        return false;
      }
      store = session;
      return true;
    }

    private Duration longer(Duration retry) {
      Duration doubled = retry.multipliedBy(2);
      return doubled.compareTo(longestRetry) > 0 ? longestRetry : doubled;
    }

    /** STATUS of the folders IDLE does not cover, and the renewal of IDLE when it is due. */
    void check() {
      Store current = store;
      IMAPFolder watched = idling;
      if (stopped || current == null || watched == null || !checking.compareAndSet(false, true)) {
        return;
      }
      try {
        if (idleSupported && !clock.instant().isBefore(renewAt)) {
          try {
            // Any command on the folder ends its IDLE; the watch loop starts a fresh one.
            watched.getMessageCount();
          } catch (MessagingException | RuntimeException e) {
            log.debug("Renewing IDLE of connection {} failed; the watch reconnects", mailbox.connectionId(), e);
          }
        }
        if (clock.instant().isBefore(nextFolderCheck)) {
          return;
        }
        nextFolderCheck = clock.instant().plus(folderCheck);
        for (String name : statusChecked()) {
          try {
            long uidNext = ((IMAPFolder) current.getFolder(name)).getUIDNext();
            Long seen = uidNextSeen.put(name, uidNext);
            if (seen != null && seen != uidNext) {
              newMail.run();
            }
          } catch (MessagingException | RuntimeException e) {
            // One folder that fails (deleted meanwhile) does not keep the others from being checked.
            log.debug("STATUS of {} for connection {} failed", name, mailbox.connectionId(), e);
          }
        }
      } finally {
        checking.set(false);
      }
    }

    /** Stops without waiting: closing a session ends IDLE and logs out, which must not hold up a rebalance. */
    void stop() {
      synchronized (this) {
        stopped = true;
      }
      ownSessions.forEach(Watch::stop);
      wake();
      Thread.ofVirtual().start(this::closeStore);
    }

    void loginWorked() {
      if (parked) {
        parked = false;
        wake();
      }
    }

    private synchronized void wake() {
      notifyAll();
    }

    /** Waits for so long (or, with null, until woken), unless stopped or woken. */
    private synchronized void pause(@org.jspecify.annotations.Nullable Duration wait) {
      if (stopped) {
        return;
      }
      try {
        if (wait == null) {
          wait();
        } else {
          wait(Math.max(1, wait.toMillis()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }

    /** LOGOUT outside the watch's lock: on a dead server it lasts the read timeout, which stop() must not wait for. */
    private void closeStore() {
      Store current;
      synchronized (this) {
        current = store;
        store = null;
        idling = null;
      }
      if (current != null) {
        AngusMailboxReader.closeQuietly(current);
      }
    }

    private Duration jittered(Duration retry) {
      long millis = retry.toMillis();
      return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }
  }
}
