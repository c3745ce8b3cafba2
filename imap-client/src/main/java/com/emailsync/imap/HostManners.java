package com.emailsync.imap;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How a good client treats a mail server, per host (resilience4j): at most so many logins at once (a bulkhead) and per
 * second (a rate limiter), so ten thousand accounts on one provider do not arrive as one burst; and a circuit breaker
 * that, once logins to a host keep failing (it is down, or answers garbage), stops dialling it for a while instead of
 * having every mailbox on it try and time out in turn. A rejected password or a throttled account is the account's
 * affair, not the host's, and does not count against the breaker.
 */
public final class HostManners {

  /**
   * @param failuresToOpen consecutive failed logins to a host that open its breaker
   * @param openFor how long an open breaker refuses before it lets one login try
   * @param concurrentLogins logins to one host at the same time
   * @param loginsPerSecond logins to one host per second
   * @param waitForTurn how long a login waits for its turn before it counts as throttled
   * @param sessionsPerAccount sessions one process keeps open to one account at most: providers cap an account's
   *     connections for all its mail apps together (Gmail: 15), and the user's phone and laptop need theirs. A worker
   *     holds three (the pass's, two IDLE sessions), briefly up to six while a changed connection's old sessions close
   *     and its new ones open
   */
  public record Settings(
      int failuresToOpen, Duration openFor, int concurrentLogins, int loginsPerSecond, Duration waitForTurn, int sessionsPerAccount) {
    public static final Settings DEFAULTS = new Settings(5, Duration.ofSeconds(30), 10, 20, Duration.ofSeconds(30), 8);

    public Settings(int failuresToOpen, Duration openFor, int concurrentLogins, int loginsPerSecond, Duration waitForTurn) {
      this(failuresToOpen, openFor, concurrentLogins, loginsPerSecond, waitForTurn, DEFAULTS.sessionsPerAccount());
    }
  }

  /** A login: what is guarded. */
  @FunctionalInterface
  public interface Login {
    Store login() throws ImapFailure;
  }

  private final Settings settings;
  private final Map<String, Guard> byHost = new ConcurrentHashMap<>();
  /** Open sessions per account (host and username). */
  private final Map<String, AccountSessions> byAccount = new ConcurrentHashMap<>();

  public HostManners(Settings settings) {
    this.settings = settings;
  }

  private record Guard(CircuitBreaker breaker, Bulkhead bulkhead, RateLimiter rateLimiter) {}

  /**
   * A login that counts against the account's sessions for as long as its store stays connected.
   *
   * @throws ImapFailure the login's own failure, or one saying why the host or account is not dialled now
   */
  public Store login(String host, String username, Login login) throws ImapFailure {
    AccountSessions sessions = byAccount.computeIfAbsent(account(host, username), account -> new AccountSessions());
    if (!sessions.reserve(settings.sessionsPerAccount())) {
      throw new ImapFailure(ImapFailure.Kind.THROTTLED,
          ("%d sessions to %s are open already; providers allow an account only a few for all its mail apps together (Gmail: 15), "
              + "so this one waits for one of them to end.").formatted(settings.sessionsPerAccount(), username));
    }
    Store store = null;
    try {
      store = login(host, login);
      return store;
    } finally {
      sessions.settle(store);
    }
  }

  /** Hosts not dialled now because their logins kept failing (their circuit is open): what an operator looks at first. */
  public java.util.SortedSet<String> hostsLeftAlone() {
    var hosts = new java.util.TreeSet<String>();
    byHost.forEach((host, guard) -> {
      if (guard.breaker().getState() == CircuitBreaker.State.OPEN) {
        hosts.add(host);
      }
    });
    return hosts;
  }

  /** Sessions to the account open now. */
  public int openSessions(String host, String username) {
    AccountSessions sessions = byAccount.get(account(host, username));
    return sessions == null ? 0 : sessions.open();
  }

  private static String account(String host, String username) {
    return host.toLowerCase(Locale.ROOT) + "\n" + username.toLowerCase(Locale.ROOT);
  }

  /**
   * The stores open to one account, and the logins under way. A store counts while it is connected: one that closed, or
   * whose server hung up, frees its place at the next look, whoever closed it.
   */
  private static final class AccountSessions {
    private final java.util.List<Store> stores = new java.util.ArrayList<>();
    private int loggingIn;

    synchronized boolean reserve(int limit) {
      if (open() >= limit) {
        return false;
      }
      loggingIn++;
      return true;
    }

    synchronized void settle(@org.jspecify.annotations.Nullable Store store) {
      loggingIn--;
      if (store != null) {
        stores.add(store);
      }
    }

    synchronized int open() {
      stores.removeIf(store -> !store.isConnected());
      return stores.size() + loggingIn;
    }
  }

  /** @throws ImapFailure the login's own failure, or one saying why the host is not dialled now */
  public Store login(String host, Login login) throws ImapFailure {
    Guard guard = byHost.computeIfAbsent(host.toLowerCase(Locale.ROOT), this::guard);
    if (!guard.breaker().tryAcquirePermission()) {
      throw new ImapFailure(
          ImapFailure.Kind.HOST_UNREACHABLE,
          "The mail server %s failed for several mailboxes in a row, so it is left alone for %d seconds before it is tried again."
              .formatted(host, settings.openFor().toSeconds()));
    }
    if (!guard.rateLimiter().acquirePermission() || !guard.bulkhead().tryAcquirePermission()) {
      guard.breaker().releasePermission();
      throw new ImapFailure(
          ImapFailure.Kind.THROTTLED, "Too many logins to %s at this moment; this one is tried again shortly.".formatted(host));
    }
    long start = System.nanoTime();
    try {
      Store store = login.login();
      guard.breaker().onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return store;
    } catch (ImapFailure failure) {
      if (isTheHosts(failure)) {
        guard.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
      } else {
        guard.breaker().onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
      throw failure;
    } finally {
      guard.bulkhead().onComplete();
    }
  }

  private static boolean isTheHosts(ImapFailure failure) {
    return failure.kind() == ImapFailure.Kind.HOST_UNREACHABLE
        || failure.kind() == ImapFailure.Kind.TIMEOUT
        || failure.kind() == ImapFailure.Kind.TLS_ERROR
        || failure.kind() == ImapFailure.Kind.SERVER_ERROR;
  }

  private Guard guard(String host) {
    var breaker = CircuitBreaker.of(host, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(settings.failuresToOpen())
        .minimumNumberOfCalls(settings.failuresToOpen())
        .failureRateThreshold(100)
        .waitDurationInOpenState(settings.openFor())
        .permittedNumberOfCallsInHalfOpenState(1)
        .build());
    var bulkhead = Bulkhead.of(host, BulkheadConfig.custom()
        .maxConcurrentCalls(settings.concurrentLogins())
        .maxWaitDuration(settings.waitForTurn())
        .build());
    var rateLimiter = RateLimiter.of(host, RateLimiterConfig.custom()
        .limitForPeriod(settings.loginsPerSecond())
        .limitRefreshPeriod(Duration.ofSeconds(1))
        .timeoutDuration(settings.waitForTurn())
        .build());
    return new Guard(breaker, bulkhead, rateLimiter);
  }
}
