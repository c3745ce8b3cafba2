package com.emailsync.syncworker.sync.imap;

import com.emailsync.imap.ImapFailure;
import com.emailsync.imap.ImapSessions;
import com.emailsync.syncworker.sync.Mailbox;
import com.emailsync.syncworker.sync.MailboxWatch;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
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
 * Watches each mailbox over a session of its own: IMAP IDLE (RFC 2177) on INBOX, so the server says at once when mail
 * lands, and every {@code folderCheck} a STATUS of the other selected folders (UIDNEXT moved on: new mail) over the
 * store's own connection, which IDLE does not block. IDLE is renewed every {@code renewEvery}, well before the 29
 * minutes after which servers may drop it. A lost session reconnects with exponential backoff and jitter; a server
 * without IDLE gets the STATUS checks on every folder. One virtual thread per mailbox waits in IDLE: blocking reads
 * park it without holding a carrier thread.
 */
public class ImapIdleWatch implements MailboxWatch, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ImapIdleWatch.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private final ImapSessions sessions;
  private final Duration renewEvery;
  private final Duration folderCheck;
  private final Duration longestRetry;
  private final Clock clock;
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();
  private final Thread checker;
  private volatile boolean closed;

  /**
   * @param sessions with a read timeout longer than {@code renewEvery}, and a separate store connection
   * @param renewEvery how long one IDLE command lasts before it is ended and started again
   * @param folderCheck how often the folders not in IDLE are checked with STATUS
   * @param longestRetry the longest wait between reconnection attempts
   */
  public ImapIdleWatch(ImapSessions sessions, Duration renewEvery, Duration folderCheck, Duration longestRetry, Clock clock) {
    this.sessions = sessions;
    this.renewEvery = renewEvery;
    this.folderCheck = folderCheck;
    this.longestRetry = longestRetry;
    this.clock = clock;
    this.checker = Thread.ofVirtual().name("idle-checker").start(this::checkLoop);
  }

  @Override
  public void watch(Mailbox mailbox, String password, Runnable newMail) {
    Watch watch = new Watch(mailbox, password, newMail);
    Watch replaced = watches.put(mailbox.connectionId(), watch);
    if (replaced != null) {
      replaced.stop();
    }
    Thread.ofVirtual().name("idle-" + mailbox.connectionId()).start(watch::run);
  }

  @Override
  public void stop(String connectionId) {
    Watch watch = watches.remove(connectionId);
    if (watch != null) {
      watch.stop();
    }
  }

  public int watching() {
    return watches.size();
  }

  @Override
  public void close() {
    closed = true;
    checker.interrupt();
    List.copyOf(watches.keySet()).forEach(this::stop);
  }

  /** Each mailbox's checks run on a virtual thread of their own: one slow server holds up no other mailbox. */
  private void checkLoop() {
    while (!closed) {
      try {
        Thread.sleep(folderCheck);
      } catch (InterruptedException e) {
        return;
      }
      watches.values().forEach(watch -> Thread.ofVirtual().start(watch::check));
    }
  }

  private final class Watch {
    private final Mailbox mailbox;
    private final String password;
    private final Runnable newMail;
    private final Map<String, Long> uidNextSeen = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean checking = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean stopped;
    private volatile Store store;
    private volatile IMAPFolder idling;
    private volatile boolean idleSupported = true;
    private volatile Instant renewAt = Instant.MAX;

    Watch(Mailbox mailbox, String password, Runnable newMail) {
      this.mailbox = mailbox;
      this.password = password;
      this.newMail = newMail;
    }

    void run() {
      Duration retry = FIRST_RETRY;
      while (!stopped) {
        try {
          store = sessions.connect(mailbox.imap(), password);
          String idled = mailbox.folders().contains("INBOX") ? "INBOX" : mailbox.folders().getFirst();
          IMAPFolder folder = (IMAPFolder) store.getFolder(idled);
          folder.open(Folder.READ_ONLY);
          folder.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
              newMail.run();
            }
          });
          // The other folders' UIDNEXT now, before the pass this asks for: a change from here on is new mail, and
          // whatever landed while no session watched is found by that pass.
          for (String name : mailbox.folders()) {
            if (!name.equals(idled)) {
              uidNextSeen.put(name, ((IMAPFolder) store.getFolder(name)).getUIDNext());
            }
          }
          idling = folder;
          newMail.run();
          retry = FIRST_RETRY;
          while (!stopped) {
            renewAt = clock.instant().plus(renewEvery);
            folder.idle(true);
          }
        } catch (ImapFailure failure) {
          if (failure.kind() == ImapFailure.Kind.AUTHENTICATION_FAILED) {
            // Trying a rejected password again and again is what gets accounts locked: the pass reports it, and a new
            // password starts a new watch.
            log.info("Watch of connection {} stopped: the server rejected the login", mailbox.connectionId());
            return;
          }
          if (stopped) {
            return;
          }
          log.debug("Watch of connection {} could not connect; retrying in about {}", mailbox.connectionId(), retry);
          sleepJittered(retry);
          retry = longer(retry);
        } catch (MessagingException | RuntimeException e) {
          if (stopped) {
            return;
          }
          if (idling != null && e.getMessage() != null && e.getMessage().contains("IDLE not supported")) {
            idleSupported = false;
            log.info("The server of connection {} does not support IDLE; its folders are checked every {}", mailbox.connectionId(), folderCheck);
            waitUntilStopped();
            return;
          }
          log.debug("Watch of connection {} lost its session; reconnecting in about {}", mailbox.connectionId(), retry, e);
          closeStore();
          sleepJittered(retry);
          retry = longer(retry);
        }
      }
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
          // Any command on the folder ends its IDLE; the watch loop starts a fresh one.
          watched.getMessageCount();
        }
        for (String name : mailbox.folders()) {
          if (idleSupported && name.equals(watched.getFullName())) {
            continue;
          }
          long uidNext = ((IMAPFolder) current.getFolder(name)).getUIDNext();
          Long seen = uidNextSeen.put(name, uidNext);
          if (seen != null && seen != uidNext) {
            newMail.run();
          }
        }
      } catch (MessagingException | RuntimeException e) {
        log.debug("Folder check of connection {} failed; the watch reconnects if its session is gone", mailbox.connectionId(), e);
      } finally {
        checking.set(false);
      }
    }

    void stop() {
      stopped = true;
      synchronized (this) {
        notifyAll();
      }
      closeStore();
    }

    private synchronized void waitUntilStopped() {
      while (!stopped) {
        try {
          wait();
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void closeStore() {
      Store current = store;
      idling = null;
      if (current != null) {
        try {
          current.close();
        } catch (MessagingException | RuntimeException ignored) {
          // A session being dropped has nothing more to say.
        }
      }
    }

    private void sleepJittered(Duration retry) {
      long millis = retry.toMillis();
      try {
        Thread.sleep(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }
  }
}
