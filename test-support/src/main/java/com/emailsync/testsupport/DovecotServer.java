package com.emailsync.testsupport;

import static org.awaitility.Awaitility.await;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Dovecot IMAP server on loopback, configured from the reference configuration, for tests that must talk to a
 * real IMAP server. It needs the Debian package {@code dovecot-imapd} and root (mail runs as the {@code vmail} user);
 * {@code .ci/run} provides both. Outside CI a machine without Dovecot skips such tests with the reason; under
 * {@code CI=true} it fails them, so CI never passes by skipping.
 */
public final class DovecotServer implements AutoCloseable {

  private static final String DOVECOT = "/usr/sbin/dovecot";

  private final Path home;
  private final int port;
  private final Path config;

  private DovecotServer(Path home, int port) {
    this.home = home;
    this.port = port;
    this.config = home.resolve("dovecot.conf");
  }

  /** Skips the calling test (or fails it under CI) when Dovecot cannot run here. */
  public static void assumeAvailable() {
    String why = unavailableReason();
    if (why == null) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("Dovecot is required under CI but " + why);
    }
    Assumptions.abort("Dovecot end-to-end tests need a real IMAP server: " + why);
  }

  private static String unavailableReason() {
    if (!Files.isExecutable(Path.of(DOVECOT))) {
      return DOVECOT + " is not installed (apt-get install dovecot-imapd)";
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "it must be started as root to switch mail processes to the vmail user";
    }
    return null;
  }

  /** @param introspectionUrl where Dovecot checks OAuth bearer tokens (RFC 7662); any URL when OAuth is not tested */
  public static DovecotServer start(String introspectionUrl) {
    return start(introspectionUrl, "");
  }

  /**
   * Room for thousands of sessions at once (a benchmark of many idling accounts): more imap processes, several
   * sessions each, and no per-user cap below what a sync worker opens.
   */
  public static final String MANY_SESSIONS = """
      default_client_limit = 20000
      mail_max_userip_connections = 50
      # Where the kernel's inotify instances run out, IDLE falls back to looking every second, not every 30.
      mailbox_idle_check_interval = 1 secs
      service imap {
        service_count = 0
        process_limit = 1500
        client_limit = 8
      }
      service imap-login {
        service_count = 0
        process_min_avail = 2
        process_limit = 8
        client_limit = 5000
      }
      service anvil {
        client_limit = 20000
      }
      """;

  /** @param extraConfiguration appended to the configuration, e.g. {@link #MANY_SESSIONS} */
  public static DovecotServer start(String introspectionUrl, String extraConfiguration) {
    return start(introspectionUrl, extraConfiguration, "email");
  }

  /**
   * @param usernameAttribute the field of the introspection answer that names the mailbox: {@code email} (the dev
   *     issuer's), or {@code sub} for a server that answers with the standard fields only
   */
  public static DovecotServer start(String introspectionUrl, String extraConfiguration, String usernameAttribute) {
    assumeAvailable();
    try {
      // Dovecot's auth process runs as the dovecot user and must reach the users file.
      Path home =
          Files.createTempDirectory("dovecot-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      var server = new DovecotServer(home, FreePorts.next());
      server.writeConfiguration(introspectionUrl, usernameAttribute);
      if (!extraConfiguration.isBlank()) {
        Files.writeString(server.config, extraConfiguration, java.nio.file.StandardOpenOption.APPEND);
      }
      server.run();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String host() {
    return "127.0.0.1";
  }

  /**
   * Adds a user with a plain password and returns once Dovecot accepts it. Dovecot re-reads the users file when it
   * changes, but checks at most once a second, so a login right after adding could still be refused.
   */
  public void addUser(String user, String password) {
    try {
      Files.writeString(
          home.resolve("users"),
          user + ":{PLAIN}" + password + System.lineSeparator(),
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await("Dovecot accepts " + user)
        .atMost(Duration.ofSeconds(10))
        .until(() -> succeeds("/usr/bin/doveadm", "-c", config.toString(), "auth", "test", user, password));
  }

  /**
   * Adds many users with one write and one wait: Dovecot notices a changed users file by its modification time, so
   * users added one by one within the same second could each wait for the next change.
   */
  public void addUsers(List<String> users, String password) {
    StringBuilder lines = new StringBuilder();
    users.forEach(user -> lines.append(user).append(":{PLAIN}").append(password).append(System.lineSeparator()));
    try {
      Files.writeString(home.resolve("users"), lines, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String user : List.of(users.getFirst(), users.getLast())) {
      await("Dovecot accepts " + user)
          .atMost(Duration.ofSeconds(30))
          .until(() -> succeeds("/usr/bin/doveadm", "-c", config.toString(), "auth", "test", user, password));
    }
  }

  /**
   * IMAP APPEND of a raw RFC 5322 message, as a mail client or a delivery agent would; received now.
   *
   * @return the UID it got (UIDPLUS)
   */
  public long append(String user, String password, String folder, String rfc5322) {
    return append(user, password, folder, rfc5322, Instant.now());
  }

  /** The folder's UIDNEXT by STATUS; 1 for a folder that does not exist yet. */
  public long uidNext(String user, String password, String folder) {
    try (Store store = login(user, password)) {
      var target = (org.eclipse.angus.mail.imap.IMAPFolder) store.getFolder(folder);
      return target.exists() ? target.getUIDNext() : 1;
    } catch (MessagingException e) {
      throw new IllegalStateException("STATUS of " + folder + " failed", e);
    }
  }

  /** IMAP APPEND with the given INTERNALDATE (when the server received it), e.g. mail from before a connection. */
  public long append(String user, String password, String folder, String rfc5322, Instant receivedAt) {
    try (Store store = login(user, password)) {
      Folder target = store.getFolder(folder);
      if (!target.exists()) {
        target.create(Folder.HOLDS_MESSAGES);
      }
      MimeMessage message =
          new MimeMessage(
              Session.getInstance(new Properties()), new ByteArrayInputStream(rfc5322.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public Date getReceivedDate() {
              // Angus Mail sends this as APPEND's INTERNALDATE; without it, it would send the Date header instead,
              // and a fixture's fixed Date would make "received now" depend on the time of day the test runs.
              return Date.from(receivedAt);
            }
          };
      message.setFlag(Flags.Flag.SEEN, false);
      return ((org.eclipse.angus.mail.imap.IMAPFolder) target).appendUIDMessages(new Message[] {message})[0].uid;
    } catch (MessagingException e) {
      throw new IllegalStateException("APPEND to " + folder + " failed", e);
    }
  }

  /**
   * Delivers messages straight into the user's INBOX as a local delivery agent does, a file each in the Maildir's
   * {@code new/}: thousands in seconds, where IMAP APPEND takes a round trip each. Dovecot gives them UIDs when a
   * client next looks.
   */
  public void deliver(String user, List<String> rfc5322Messages) {
    Path inbox = home.resolve("mail").resolve(user).resolve("Maildir");
    try {
      for (String dir : List.of("tmp", "new", "cur")) {
        Files.createDirectories(inbox.resolve(dir));
      }
      long now = System.currentTimeMillis() / 1000;
      for (int i = 0; i < rfc5322Messages.size(); i++) {
        String name = now + ".M" + i + "P" + ProcessHandle.current().pid() + ".emailsync-bench";
        Path tmp = inbox.resolve("tmp").resolve(name);
        Files.writeString(tmp, rfc5322Messages.get(i).replace("\r\n", "\n"));
        Files.move(tmp, inbox.resolve("new").resolve(name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    exec("chown", "-R", "vmail:vmail", home.resolve("mail").toString());
  }

  public Store login(String user, String password) throws MessagingException {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect(host(), port, user, password);
    return store;
  }

  private void writeConfiguration(String introspectionUrl, String usernameAttribute) throws IOException {
    for (String dir : List.of("run", "state", "mail")) {
      Files.createDirectories(home.resolve(dir));
    }
    Files.writeString(home.resolve("users"), "");
    Files.writeString(
        config,
        template("dovecot.conf.in").replace("@HOME@", home.toString()).replace("@PORT@", String.valueOf(port)));
    Files.writeString(
        home.resolve("oauth2.conf.ext"), template("oauth2.conf.ext.in").replace("@INTROSPECTION_URL@", introspectionUrl)
            .replace("@USERNAME_ATTRIBUTE@", usernameAttribute));
    exec("chown", "-R", "vmail:vmail", home.resolve("mail").toString());
  }

  private void run() {
    exec(DOVECOT, "-c", config.toString());
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () -> {
              try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(host(), port), 200);
                return true;
              }
            });
  }

  @Override
  public void close() {
    exec("/usr/bin/doveadm", "-c", config.toString(), "stop");
  }

  private static String template(String name) throws IOException {
    try (InputStream in = DovecotServer.class.getResourceAsStream("/dovecot/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private boolean succeeds(String... command) throws IOException, InterruptedException {
    Path output = Files.createTempFile(home, "exec-", ".out");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
  }

  /** Runs a command and returns what it wrote; fails if it fails. */
  private String execOutput(String... command) {
    try {
      Path output = Files.createTempFile(home, "exec-", ".out");
      Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output));
      }
      return Files.readString(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void exec(String... command) {
    try {
      // Output goes to a file: Dovecot daemonizes, and its children would hold a pipe open for ever.
      Path output = Files.createTempFile(home, "exec-", ".out");
      Process process =
          new ProcessBuilder(new ArrayList<>(List.of(command)))
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(output) + log());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * What Dovecot reports, at logout, about the bodies it sent to a user's sessions: how many BODY fetches and how many
   * bytes. Sessions still open are not counted yet.
   */
  public record BodiesSent(long fetches, long bytes) {}

  public BodiesSent bodiesSentTo(String user) {
    var logout = Pattern.compile(
        "imap\\(" + Pattern.quote(user) + "\\).*Logged out .*body_count=(\\d+) body_bytes=(\\d+)");
    long fetches = 0;
    long bytes = 0;
    for (String line : log().lines().toList()) {
      var matcher = logout.matcher(line);
      if (matcher.find()) {
        fetches += Long.parseLong(matcher.group(1));
        bytes += Long.parseLong(matcher.group(2));
      }
    }
    return new BodiesSent(fetches, bytes);
  }

  /** Gives a folder a new UIDVALIDITY, as a server does when it rebuilds its index or the mailbox is migrated. */
  public void changeUidValidity(String user, String folder, long uidValidity) {
    exec("/usr/bin/doveadm", "-c", config.toString(), "mailbox", "update", "-u", user, "--uid-validity", String.valueOf(uidValidity), folder);
  }

  /**
   * How many IMAP connections of the user Dovecot holds now ({@code doveadm who -1}: one line per connection), the
   * count a provider's connection limit counts.
   */
  public long connectionsOf(String user) {
    String output = execOutput("/usr/bin/doveadm", "-c", config.toString(), "who", "-1", user);
    return output.lines().filter(line -> line.startsWith(user + " ") || line.startsWith(user + "\t")).count();
  }

  /** The SASL mechanism or command of each login of the user that succeeded (LOGIN, PLAIN, XOAUTH2...), from Dovecot's log. */
  public List<String> loginMethodsOf(String user) {
    var login = Pattern.compile("Login: user=<" + Pattern.quote(user) + ">, method=([A-Z0-9-]+)");
    return log().lines().map(login::matcher).filter(java.util.regex.Matcher::find).map(matcher -> matcher.group(1)).toList();
  }

  /** How many times a user logged in (IMAP LOGIN or AUTHENTICATE that succeeded), from Dovecot's log. */
  public long loginsOf(String user) {
    String login = "Login: user=<" + user + ">";
    return log().lines().filter(line -> line.contains(login)).count();
  }

  private String log() {
    try {
      Path log = home.resolve("dovecot.log");
      return Files.exists(log) ? "\n" + Files.readString(log) : "";
    } catch (IOException e) {
      return "";
    }
  }
}
