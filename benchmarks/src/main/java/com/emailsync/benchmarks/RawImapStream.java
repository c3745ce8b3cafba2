package com.emailsync.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The floor of any IMAP sync, measured in the same run: one session that asks Dovecot for every message of a folder
 * whole ({@code FETCH 1:* BODY.PEEK[]}) and reads the answer to the end, doing nothing with it. What the server and
 * the loopback can deliver, before any client does any work.
 */
final class RawImapStream {

  /** How long the stream took and how many bytes it carried. */
  record Pull(Duration took, long bytes) {}

  private RawImapStream() {}

  static Pull pull(String host, int port, String user, String password, String folder) throws IOException {
    try (var socket = new Socket(host, port)) {
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      OutputStream out = socket.getOutputStream();
      readUntil(in, "* OK");
      command(out, "a LOGIN \"" + user + "\" \"" + password + "\"");
      readUntil(in, "a OK");
      command(out, "b SELECT \"" + folder + "\"");
      readUntil(in, "b OK");
      long start = System.nanoTime();
      command(out, "c FETCH 1:* BODY.PEEK[]");
      long bytes = readUntil(in, "c OK");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      command(out, "d LOGOUT");
      return new Pull(took, bytes);
    }
  }

  private static void command(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /**
   * Reads up to and including the line that starts with {@code tagged}. Literals are read as bytes (their lines are
   * never taken for the tagged answer).
   *
   * @return the bytes read
   */
  private static long readUntil(InputStream in, String tagged) throws IOException {
    long bytes = 0;
    var line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the server closed the connection before " + tagged);
      }
      bytes++;
      if (b != '\n') {
        line.append((char) b);
        continue;
      }
      String text = line.toString();
      line.setLength(0);
      if (text.startsWith(tagged)) {
        return bytes;
      }
      if (text.startsWith("a NO") || text.startsWith("b NO") || text.startsWith("c NO") || text.contains(" BAD ")) {
        throw new IOException("the server refused: " + text);
      }
      int open = text.lastIndexOf('{');
      if (open >= 0 && text.endsWith("}\r")) {
        long literal = Long.parseLong(text.substring(open + 1, text.length() - 2));
        in.skipNBytes(literal);
        bytes += literal;
      }
    }
  }
}
