package com.emailsync.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Gmail's IMAP as far as a sync reads it, in front of a real Dovecot on loopback: it offers X-GM-EXT-1 (and not NOTIFY
 * or QRESYNC, which Gmail lacks) and answers X-GM-MSGID, X-GM-THRID and X-GM-LABELS in FETCH, for the messages it delivered with
 * Gmail's ids and for any other with ids of its own; everything else is Dovecot's, byte for byte. Google's servers
 * cannot be reached from a test; their extension is small enough to add on top of a real server.
 *
 * <p>A Gmail message shows in the folder of each of its labels: {@link #deliver} appends one copy to each, under the
 * same ids. One proxy per mailbox: what it knows is keyed by folder and UID.
 */
public final class GmailImapProxy implements AutoCloseable {

  private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}\\r?\\n$");
  private static final Pattern FETCH_COMMAND =
      Pattern.compile("^(\\S+) ((?:UID )?FETCH) (\\S+) \\((.*)\\)(.*?)(\\r?\\n)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SELECT_COMMAND = Pattern.compile("^(\\S+) (?:SELECT|EXAMINE) \"?([^\"(]+?)\"?(?: \\(.*\\))?\\r?\\n$", Pattern.CASE_INSENSITIVE);
  private static final Pattern GMAIL_ITEM = Pattern.compile("X-GM-(MSGID|THRID|LABELS)", Pattern.CASE_INSENSITIVE);
  private static final Pattern FETCH_ANSWER = Pattern.compile("^\\* \\d+ FETCH \\(", Pattern.CASE_INSENSITIVE);
  private static final Pattern UID_IN_ANSWER = Pattern.compile("\\bUID (\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAGGED = Pattern.compile("^(\\S+) (OK|NO|BAD)\\b", Pattern.CASE_INSENSITIVE);

  private final DovecotServer dovecot;
  private final LoopbackRelay relay;
  private final Map<String, GmailMessage> delivered = new ConcurrentHashMap<>();

  /** The ids and labels Gmail gives one message, the same in every folder it shows in. */
  public record GmailMessage(long messageId, long threadId, List<String> labels) {}

  private GmailImapProxy(DovecotServer dovecot) {
    this.dovecot = dovecot;
    this.relay = new LoopbackRelay("gmail-proxy", dovecot.port(), () -> {
      var session = new SessionState();
      return new LoopbackRelay.Directions((in, out) -> copyLines(in, out, session::fromClient), (in, out) -> copyLines(in, out, session::fromServer));
    });
  }

  public static GmailImapProxy inFrontOf(DovecotServer dovecot) {
    return new GmailImapProxy(dovecot);
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return relay.port();
  }

  /**
   * Delivers one Gmail message carrying the labels of these folders: a copy appended to each (INBOX is {@code \Inbox},
   * Sent {@code \Sent}, any other folder the user label of its name), all under the same X-GM-MSGID.
   */
  public void deliver(String user, String password, String rfc5322, long messageId, long threadId, String... folders) {
    deliver(user, password, rfc5322, new GmailMessage(messageId, threadId, List.of(folders).stream().map(GmailImapProxy::labelOf).toList()), folders);
  }

  /**
   * Appends copies of a message Gmail already knows, with all its labels, to these folders: a label given to a message
   * that shows elsewhere already.
   */
  public void deliver(String user, String password, String rfc5322, GmailMessage message, String... folders) {
    for (String folder : folders) {
      // Known under the UID it will get before a sync can see it; this test is the mailbox's only writer.
      long next = dovecot.uidNext(user, password, folder);
      delivered.put(key(folder, next), message);
      long uid = dovecot.append(user, password, folder, rfc5322);
      if (uid != next) {
        delivered.remove(key(folder, next));
        delivered.put(key(folder, uid), message);
      }
    }
  }

  /** The label Gmail shows a folder as. */
  public static String label(String folder) {
    return labelOf(folder);
  }

  private static String labelOf(String folder) {
    return switch (folder.toUpperCase(Locale.ROOT)) {
      case "INBOX" -> "\\Inbox";
      case "SENT" -> "\\Sent";
      default -> folder;
    };
  }

  private static String key(String folder, long uid) {
    return folder + "\n" + uid;
  }

  /**
   * Copies one direction line by line, literals byte for byte; only a line that starts a command or a response is
   * rewritten, never a literal's bytes or what follows one.
   */
  private static void copyLines(InputStream from, OutputStream out, UnaryOperator<String> rewrite) throws IOException {
    InputStream in = new BufferedInputStream(from);
    boolean starts = true;
    for (byte[] line = readLine(in); line != null; line = readLine(in)) {
      String text = new String(line, StandardCharsets.ISO_8859_1);
      if (starts) {
        text = rewrite.apply(text);
      }
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      Matcher literal = LITERAL.matcher(text);
      starts = !literal.find();
      if (!starts) {
        out.write(in.readNBytes(Integer.parseInt(literal.group(1))));
      }
      out.flush();
    }
  }

  private static byte[] readLine(InputStream in) throws IOException {
    var line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      line.write(b);
      if (b == '\n') {
        return line.toByteArray();
      }
    }
    return line.size() == 0 ? null : line.toByteArray();
  }

  /** What one IMAP session has asked for: the folder it selected and the FETCHes waiting for Gmail's items. */
  private final class SessionState {
    private volatile String selected;
    private final Map<String, String> selecting = new ConcurrentHashMap<>();
    private final Set<String> fetchingGmailItems = ConcurrentHashMap.newKeySet();

    String fromClient(String line) {
      Matcher select = SELECT_COMMAND.matcher(line);
      if (select.matches()) {
        selecting.put(select.group(1), select.group(2));
        return line;
      }
      Matcher fetch = FETCH_COMMAND.matcher(line);
      if (fetch.matches() && GMAIL_ITEM.matcher(fetch.group(4)).find()) {
        fetchingGmailItems.add(fetch.group(1));
        // Dovecot is asked for the rest, and always for the UID, which says which message each answer is.
        String rest = List.of(fetch.group(4).split(" ")).stream()
            .filter(item -> !GMAIL_ITEM.matcher(item).matches() && !item.equalsIgnoreCase("UID"))
            .collect(Collectors.joining(" "));
        return fetch.group(1) + " " + fetch.group(2) + " " + fetch.group(3) + " (UID" + (rest.isEmpty() ? "" : " " + rest) + ")"
            + fetch.group(5) + fetch.group(6);
      }
      return line;
    }

    String fromServer(String line) {
      if (line.regionMatches(true, 0, "* ", 0, 2) && line.toUpperCase(Locale.ROOT).contains("CAPABILITY ")
          || line.toUpperCase(Locale.ROOT).contains("[CAPABILITY ")) {
        return line.replaceAll("(?i) (NOTIFY|QRESYNC)\\b", "").replaceFirst("(?i)CAPABILITY ", "CAPABILITY X-GM-EXT-1 ");
      }
      Matcher tagged = TAGGED.matcher(line);
      if (tagged.find()) {
        String folder = selecting.remove(tagged.group(1));
        if (folder != null && tagged.group(2).equalsIgnoreCase("OK")) {
          selected = folder;
        }
        fetchingGmailItems.remove(tagged.group(1));
        return line;
      }
      Matcher answer = FETCH_ANSWER.matcher(line);
      Matcher uid = UID_IN_ANSWER.matcher(line);
      if (!fetchingGmailItems.isEmpty() && answer.find() && uid.find()) {
        GmailMessage message = gmailMessage(Long.parseLong(uid.group(1)));
        String labels = message.labels().stream()
            .map(label -> label.startsWith("\\") ? label : "\"" + label + "\"")
            .collect(Collectors.joining(" "));
        return line.substring(0, answer.end())
            + "X-GM-MSGID " + message.messageId() + " X-GM-THRID " + message.threadId() + " X-GM-LABELS (" + labels + ") "
            + line.substring(answer.end());
      }
      return line;
    }

    /** The message delivered at the UID; one appended otherwise gets ids of its own and its folder's label. */
    private GmailMessage gmailMessage(long uid) {
      String folder = selected;
      GmailMessage known = delivered.get(key(folder, uid));
      if (known != null) {
        return known;
      }
      long own = Math.abs((long) key(folder, uid).hashCode()) + 1;
      return new GmailMessage(own, own, List.of(labelOf(folder)));
    }
  }

  @Override
  public void close() {
    relay.close();
  }
}
