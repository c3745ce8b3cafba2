package com.emailsync.imap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The server's bytes as Angus Mail's response reader sees them, with what one response may cost bounded whatever the
 * server claims. Angus Mail reads each response whole into one array and grows that array to the size a literal
 * declares before reading it: a server claiming {@code {2000000000}} costs a 2-GB allocation, and a mail with a giant
 * header, or a section sent past the window asked for, is read whole.
 *
 * <p>Here the literals of one response share a budget: a literal past it is announced as what is left of it (down to
 * {@code {0}}), that much of it is passed on and the rest read and dropped, so the response stays well-formed and its
 * content is cut, as a partial fetch would have cut it. A response whose lines and literals together exceed the hard
 * limit (no literal left to cut: a line without end, endless empty literals) fails the connection instead: no IMAP
 * server sends one.
 *
 * <p>Lines end as Angus Mail ends them, at CRLF, and a literal is what it takes for one: a line ending in {@code
 * {digits}} that fit an int. Anything else would read the stream out of step with the reader.
 */
final class ResponseBudget extends InputStream {

  private final InputStream in;
  private final long literalBudget;
  private final long hardLimit;

  private final byte[] buffer = new byte[8192];
  private int bufferPosition;
  private int bufferLength;

  /** The line being read, held until its CRLF shows whether it announces a literal. */
  private byte[] line = new byte[256];
  private int lineLength;

  /** A finished line, being handed over. */
  private byte[] pending = new byte[0];
  private int pendingPosition;

  /** Bytes of the current literal still to pass on, then to drop. */
  private long literalLeft;
  private long dropLeft;

  /** Of the response being read: literal bytes passed on, and all bytes passed on. */
  private long literalBytes;
  private long responseBytes;
  private boolean ended;

  /**
   * @param literalBudget the literal bytes one response may pass on; beyond them, its literals are cut
   * @param hardLimit the bytes one response may have in all; beyond them, the connection fails
   */
  ResponseBudget(InputStream in, long literalBudget, long hardLimit) {
    this.in = in;
    this.literalBudget = literalBudget;
    this.hardLimit = hardLimit;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read = read(one, 0, 1);
    return read < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (true) {
      if (pendingPosition < pending.length) {
        int n = Math.min(length, pending.length - pendingPosition);
        System.arraycopy(pending, pendingPosition, into, offset, n);
        pendingPosition += n;
        return n;
      }
      if (ended) {
        return -1;
      }
      if (!filled()) {
        // The end of the stream: what was read of a last line, if anything, is handed over first.
        continue;
      }
      if (literalLeft > 0) {
        int n = (int) Math.min(Math.min(length, bufferLength - bufferPosition), literalLeft);
        System.arraycopy(buffer, bufferPosition, into, offset, n);
        bufferPosition += n;
        literalLeft -= n;
        return n;
      }
      if (dropLeft > 0) {
        int n = (int) Math.min(bufferLength - bufferPosition, dropLeft);
        bufferPosition += n;
        dropLeft -= n;
        continue;
      }
      readLine();
    }
  }

  /** Takes bytes of the line up to its CRLF, if it is in the buffer; a finished line becomes pending. */
  private void readLine() throws IOException {
    int start = bufferPosition;
    int end = start;
    boolean finished = false;
    while (end < bufferLength) {
      byte b = buffer[end++];
      if (b == '\n' && (end - 1 > start ? buffer[end - 2] == '\r' : lineLength > 0 && line[lineLength - 1] == '\r')) {
        finished = true;
        break;
      }
    }
    append(buffer, start, end - start);
    bufferPosition = end;
    if (finished) {
      finishLine();
    }
  }

  private void append(byte[] bytes, int offset, int length) throws IOException {
    responseBytes += length;
    if (responseBytes > hardLimit) {
      throw new IOException("the mail server sent a response over %d MB; the session is closed".formatted(hardLimit >> 20));
    }
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(lineLength + length, line.length * 2));
    }
    System.arraycopy(bytes, offset, line, lineLength, length);
    lineLength += length;
  }

  private void finishLine() throws IOException {
    int declared = declaredLiteral();
    if (declared < 0) {
      // No literal: the response ends with this line.
      pending = Arrays.copyOf(line, lineLength);
      literalBytes = 0;
      responseBytes = 0;
    } else {
      long allowed = Math.min(declared, literalBudget - literalBytes);
      literalBytes += allowed;
      literalLeft = allowed;
      dropLeft = declared - allowed;
      if (allowed < declared) {
        int brace = lastBrace();
        byte[] announced = ("{" + allowed + "}\r\n").getBytes(StandardCharsets.US_ASCII);
        pending = Arrays.copyOf(line, brace + announced.length);
        System.arraycopy(announced, 0, pending, brace, announced.length);
      } else {
        pending = Arrays.copyOf(line, lineLength);
      }
      responseBytes += allowed;
      if (responseBytes > hardLimit) {
        throw new IOException("the mail server sent a response over %d MB; the session is closed".formatted(hardLimit >> 20));
      }
    }
    pendingPosition = 0;
    lineLength = 0;
  }

  /** The count of the literal the finished line announces, as Angus Mail reads it; -1 when it announces none. */
  private int declaredLiteral() {
    if (lineLength < 5 || line[lineLength - 3] != '}') {
      return -1;
    }
    int brace = lastBrace();
    if (brace < 0 || brace + 1 == lineLength - 3) {
      return -1;
    }
    long count = 0;
    for (int i = brace + 1; i < lineLength - 3; i++) {
      byte digit = line[i];
      if (digit < '0' || digit > '9') {
        return -1;
      }
      count = count * 10 + (digit - '0');
      if (count > Integer.MAX_VALUE) {
        return -1;
      }
    }
    return (int) count;
  }

  private int lastBrace() {
    for (int i = lineLength - 4; i >= 0; i--) {
      if (line[i] == '{') {
        return i;
      }
    }
    return -1;
  }

  /** @return false at the end of the stream, once what was read of a last line is handed over */
  private boolean filled() throws IOException {
    if (bufferPosition < bufferLength) {
      return true;
    }
    int n = in.read(buffer, 0, buffer.length);
    if (n < 0) {
      ended = true;
      if (lineLength > 0) {
        pending = Arrays.copyOf(line, lineLength);
        pendingPosition = 0;
        lineLength = 0;
      }
      return false;
    }
    bufferPosition = 0;
    bufferLength = n;
    return true;
  }

  @Override
  public int available() throws IOException {
    return (pending.length - pendingPosition) + lineLength + (bufferLength - bufferPosition) + in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
