package com.emailsync.imap;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.ImapAuth;
import com.emailsync.events.ImapSecurity;
import jakarta.mail.MessagingException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Properties;

/** Opens authenticated IMAP stores with bounded timeouts, so a silent server cannot hang a sync worker. */
public final class ImapSessions {

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final boolean separateStoreConnection;
  private final HostManners manners;
  private final HostGuard guard;

  public ImapSessions(Duration connectTimeout, Duration readTimeout, HostGuard guard) {
    this(connectTimeout, readTimeout, false, new HostManners(HostManners.Settings.DEFAULTS), guard);
  }

  /**
   * @param separateStoreConnection keep store-level commands (LIST, STATUS) on a connection of their own, so they can
   *     run while a folder's connection waits in IDLE
   * @param manners shared by every session to the same hosts: the limits are per host, whoever logs in
   * @param guard which hosts may be dialled at all
   */
  public ImapSessions(Duration connectTimeout, Duration readTimeout, boolean separateStoreConnection, HostManners manners, HostGuard guard) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.separateStoreConnection = separateStoreConnection;
    this.manners = manners;
    this.guard = guard;
  }

  /**
   * Logs in as the endpoint says: with a password (LOGIN), or with an OAuth access token over SASL XOAUTH2 only, so
   * that a token is never sent as a password.
   *
   * @param secret the password, or the access token
   * @throws ImapFailure with a reason the mailbox owner can act on; a refused token is AUTHENTICATION_FAILED
   */
  public Store connect(ConnectionChanged.Imap endpoint, String secret) throws ImapFailure {
    boolean accessToken = endpoint.auth() == ImapAuth.XOAUTH2;
    // Checked before anything is dialled: a refused host is never connected to, not even to count a login.
    InetAddress checked = guard.check(endpoint);
    return manners.login(endpoint.host(), endpoint.username(), () -> dial(endpoint, checked, secret, accessToken));
  }

  private Store dial(ConnectionChanged.Imap endpoint, InetAddress checked, String password, boolean accessToken) throws ImapFailure {
    String protocol = endpoint.security() == ImapSecurity.SSL ? "imaps" : "imap";
    Properties properties = properties(protocol, endpoint.security());
    if (accessToken) {
      // XOAUTH2 only: an access token must never be sent as a LOGIN password, and Angus Mail offers XOAUTH2 only when
      // told to.
      properties.put("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
      properties.put("mail." + protocol + ".auth.xoauth2.disable", "false");
      properties.put("mail." + protocol + ".auth.login.disable", "true");
      properties.put("mail." + protocol + ".auth.plain.disable", "true");
    }
    properties.put("mail." + protocol + ".socketFactory", HostGuard.pinnedTo(checked));
    // Without this, a socket factory that fails makes Angus Mail fall back to a plain socket to the host name.
    properties.put("mail." + protocol + ".socketFactory.fallback", "false");
    Session session = Session.getInstance(properties);
    Store store;
    try {
      store = session.getStore(new Provider(Provider.Type.STORE, protocol,
          (endpoint.security() == ImapSecurity.SSL ? GmailAwareImapStore.Tls.class : GmailAwareImapStore.class).getName(), "emailsync", null));
    } catch (MessagingException e) {
      throw ImapFailure.from(e, endpoint);
    }
    return withinDeadline(store, endpoint, password);
  }

  /**
   * The whole login (connect, greeting, TLS, capabilities, LOGIN) within the connect and read timeouts together: each
   * read has its own timeout, but a server that trickles a byte now and then never trips one and would hold the
   * caller for ever. Run on a virtual thread, whose blocked socket an interrupt closes.
   */
  private Store withinDeadline(Store store, ConnectionChanged.Imap endpoint, String password) throws ImapFailure {
    var connecting = new java.util.concurrent.FutureTask<Store>(() -> {
      store.connect(endpoint.host(), endpoint.port(), endpoint.username(), password);
      return store;
    });
    Thread thread = Thread.ofVirtual().name("imap-login").start(connecting);
    Duration deadline = connectTimeout.plus(readTimeout);
    try {
      return connecting.get(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException late) {
      thread.interrupt();
      // Should the login still succeed, its session is closed rather than left open unused.
      Thread.ofVirtual().start(() -> {
        try {
          connecting.get().close();
        } catch (Exception ignored) {
          // It failed after all: nothing is open.
        }
      });
      throw new ImapFailure(ImapFailure.Kind.TIMEOUT,
          "The mail server %s did not finish logging in within %d seconds (it answers, but too slowly). Check the host and port, or try again later."
              .formatted(endpoint.host(), deadline.toSeconds()));
    } catch (java.util.concurrent.ExecutionException failed) {
      if (failed.getCause() instanceof MessagingException e) {
        throw ImapFailure.from(e, endpoint);
      }
      throw failed.getCause() instanceof RuntimeException e ? e : new IllegalStateException(failed.getCause());
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw new ImapFailure(ImapFailure.Kind.HOST_UNREACHABLE, "The login to " + endpoint.host() + " was interrupted.");
    }
  }

  /**
   * Where Jakarta Mail dispatches its events (new mail in an IDLE folder, a closed store): without one, every store and
   * folder with a listener gets a platform thread of its own, five per watched mailbox, thousands per worker.
   */
  private static final java.util.concurrent.Executor EVENTS = java.util.concurrent.Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("imap-events-", 0).factory());

  /**
   * Enforces every session's write timeout: without a shared one, Jakarta Mail starts a scheduler thread per socket,
   * one platform thread for every session a worker keeps open.
   */
  private static final java.util.concurrent.ScheduledExecutorService WRITE_TIMEOUTS = writeTimeouts();

  private static java.util.concurrent.ScheduledExecutorService writeTimeouts() {
    var executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("imap-write-timeouts").factory());
    // A write that finished cancels its timeout: cancelled ones leave the queue at once instead of piling up.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  private Properties properties(String protocol, ImapSecurity security) {
    var properties = new Properties();
    properties.put("mail.event.executor", EVENTS);
    String prefix = "mail." + protocol + ".";
    properties.put(prefix + "connectiontimeout", String.valueOf(connectTimeout.toMillis()));
    properties.put(prefix + "timeout", String.valueOf(readTimeout.toMillis()));
    properties.put(prefix + "writetimeout", String.valueOf(readTimeout.toMillis()));
    properties.put(prefix + "executor.writetimeout", WRITE_TIMEOUTS);
    // The sync fetches a batch's text parts itself, partially; a part read lazily through Angus Mail (a tool, a test)
    // comes in 256 KiB pieces, so reading the start of a 50 MB part fetches the start only, never the rest.
    properties.put(prefix + "partialfetch", "true");
    properties.put(prefix + "fetchsize", String.valueOf(256 * 1024));
    if (separateStoreConnection) {
      properties.put(prefix + "separatestoreconnection", "true");
    }
    if (security == ImapSecurity.STARTTLS) {
      properties.put(prefix + "starttls.enable", "true");
      properties.put(prefix + "starttls.required", "true");
    }
    if (security != ImapSecurity.NONE) {
      properties.put(prefix + "ssl.checkserveridentity", "true");
    }
    return properties;
  }
}
