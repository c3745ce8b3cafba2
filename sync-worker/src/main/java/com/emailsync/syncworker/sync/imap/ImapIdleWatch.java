package com.emailsync.syncworker.sync.imap;

import com.emailsync.imap.ImapFailure;
import com.emailsync.imap.ImapSessions;
import com.emailsync.syncworker.sync.Mailbox;
import com.emailsync.syncworker.sync.MailboxWatch;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each mailbox over sessions of its own: IMAP IDLE (RFC 2177) on INBOX and on the next selected folders, up to
 * {@code idleFolders} sessions per mailbox (providers limit them: Gmail to 15 per account), so the server says at once
 * when mail lands; every {@code folderCheck} a STATUS of the remaining folders (UIDNEXT moved on: new mail) over the
 * first session's store connection, which IDLE does not block. IDLE is renewed every {@code renewEvery}, well before the 29
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
  private final Map<String, List<Watch>> watches = new ConcurrentHashMap<>();
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
   * @param idleFolders how many of a mailbox's selected folders get an IDLE session of their own, INBOX first
   */
  public ImapIdleWatch(
      ImapSessions sessions, ImapSessions idleOnlySessions, Duration renewEvery, Duration folderCheck, Duration longestRetry, int idleFolders,
      Clock clock) {
    this.sessions = sessions;
    this.idleOnlySessions = idleOnlySessions;
    this.idleFolders = Math.max(1, idleFolders);
    this.renewEvery = renewEvery;
    this.folderCheck = folderCheck;
    this.longestRetry = longestRetry;
    this.clock = clock;
    this.checker = Thread.ofVirtual().name("idle-checker").start(this::checkLoop);
  }

  @Override
  public void watch(Mailbox mailbox, String password, Runnable newMail, boolean waitForLogin) {
    List<String> folders = new java.util.ArrayList<>(mailbox.folders());
    // INBOX first: it is where new mail lands.
    if (folders.remove("INBOX")) {
      folders.addFirst("INBOX");
    }
    List<String> idled = folders.subList(0, Math.min(idleFolders, folders.size()));
    List<String> checked = folders.subList(idled.size(), folders.size());
    List<Watch> sessionsOfMailbox = new java.util.ArrayList<>();
    for (int i = 0; i < idled.size(); i++) {
      sessionsOfMailbox.add(new Watch(mailbox, password, newMail, idled.get(i), i == 0 ? List.copyOf(checked) : List.of(), waitForLogin));
    }
    List<Watch> replaced = watches.put(mailbox.connectionId(), List.copyOf(sessionsOfMailbox));
    if (replaced != null) {
      replaced.forEach(Watch::stop);
    }
    sessionsOfMailbox.forEach(watch -> Thread.ofVirtual().name("idle-" + mailbox.connectionId() + "-" + watch.idled).start(watch::run));
  }

  @Override
  public void loginWorked(String connectionId) {
    watches.getOrDefault(connectionId, List.of()).forEach(Watch::loginWorked);
  }

  @Override
  public void stop(String connectionId) {
    List<Watch> stopped = watches.remove(connectionId);
    if (stopped != null) {
      stopped.forEach(Watch::stop);
    }
  }

  /** How many IDLE sessions are held now. */
  public int watching() {
    return watches.values().stream().mapToInt(List::size).sum();
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
      watches.values().forEach(list -> list.forEach(watch -> Thread.ofVirtual().start(watch::check)));
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
    /** The folders this session checks by STATUS (those without an IDLE session of their own). */
    private final List<String> checked;
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

    Watch(Mailbox mailbox, String password, Runnable newMail, String idled, List<String> checked, boolean parked) {
      this.parked = parked;
      this.mailbox = mailbox;
      this.password = password;
      this.newMail = newMail;
      this.idled = idled;
      this.checked = checked;
    }

    void run() {
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
            if (failure.kind() == ImapFailure.Kind.AUTHENTICATION_FAILED) {
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
      Store session = (checked.isEmpty() ? idleOnlySessions : sessions).connect(mailbox.imap(), password);
      if (!adopt(session)) {
        return;
      }
      // The checked folders' UIDNEXT now, before the pass this asks for: a change from here on is new mail, and
      // whatever landed while no session watched is found by that pass.
      for (String name : statusChecked()) {
        uidNextSeen.put(name, ((IMAPFolder) session.getFolder(name)).getUIDNext());
      }
      IMAPFolder folder = (IMAPFolder) session.getFolder(idled);
      folder.open(Folder.READ_ONLY);
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
        // Back from IDLE: a notification, or a renewal or check that ended it. A pass when the folder changed.
        int now = folder.getMessageCount();
        if (now != count) {
          newMail.run();
        }
        count = now;
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
      stopped = true;
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

    private synchronized void closeStore() {
      Store current = store;
      store = null;
      idling = null;
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
