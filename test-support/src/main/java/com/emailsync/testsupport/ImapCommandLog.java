package com.emailsync.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A relay on loopback in front of an IMAP server that writes down each line a client sends it, as sent (tag included),
 * and counts the bytes each way, passing every byte on unchanged: what a test reads to see which commands a client
 * chose (CHANGEDSINCE, one STATUS or three), and what a benchmark reads to see what a sync costs on the wire. For
 * sessions in clear only (security NONE): it passes a client's bytes on a line at a time, which a TLS handshake, having
 * no lines, would wait on for ever.
 */
public final class ImapCommandLog implements AutoCloseable {

  private final LoopbackRelay relay;
  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final AtomicLong toServer = new AtomicLong();
  private final AtomicLong toClients = new AtomicLong();

  private ImapCommandLog(int serverPort) {
    this.relay = new LoopbackRelay("imap-command-log", serverPort,
        () -> new LoopbackRelay.Directions(this::copyWritingDown, this::copyCounting));
  }

  public static ImapCommandLog inFrontOf(DovecotServer dovecot) {
    return new ImapCommandLog(dovecot.port());
  }

  /** In front of another relay on loopback (the Gmail proxy, say). */
  public static ImapCommandLog inFrontOf(int loopbackPort) {
    return new ImapCommandLog(loopbackPort);
  }

  /** What crossed the relay since it started or was last cleared: bytes from clients, and bytes to them. */
  public record Bytes(long fromClients, long toClients) {
    public long both() {
      return fromClients + toClients;
    }
  }

  public Bytes bytes() {
    return new Bytes(toServer.get(), toClients.get());
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return relay.port();
  }

  /** A line a client sent, without its CRLF, and when the relay passed it on. */
  public record Line(java.time.Instant at, String text) {}

  /** Every line clients sent so far, without its CRLF, in the order the relay passed them on. */
  public List<String> lines() {
    return lines.stream().map(Line::text).toList();
  }

  /** The same, each with when it was passed on. */
  public List<Line> timedLines() {
    return List.copyOf(lines);
  }

  /** Forgets the lines and bytes so far: what a test then reads is what came after. */
  public void clear() {
    lines.clear();
    toServer.set(0);
    toClients.set(0);
  }

  private void copyCounting(InputStream from, OutputStream to) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    int read;
    while ((read = from.read(buffer)) != -1) {
      to.write(buffer, 0, read);
      to.flush();
      toClients.addAndGet(read);
    }
  }

  private void copyWritingDown(InputStream from, OutputStream to) throws IOException {
    var line = new ByteArrayOutputStream();
    int b;
    while ((b = from.read()) != -1) {
      line.write(b);
      if (b == '\n') {
        toServer.addAndGet(line.size());
        lines.add(new Line(java.time.Instant.now(), line.toString(StandardCharsets.UTF_8).stripTrailing()));
        to.write(line.toByteArray());
        to.flush();
        line.reset();
      }
    }
    to.write(line.toByteArray());
  }

  @Override
  public void close() {
    relay.close();
  }
}
