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
 * content is cut, as a partial fetch would have cut it. A response whose bytes together exceed the hard limit (a line
 * without end, endless empty literals) fails the connection instead: no IMAP server sends one.
 *
 * <p>Literals are found exactly as Angus Mail's {@code ResponseInputStream} finds them, or the two would read the stream
 * out of step: a line ends at a LF whose previous byte, in the response, is a CR (a literal's last byte counts); it
 * announces a literal when the response's third byte from its end is {@code '}'} and the bytes between it and the last
 * {@code '{'} before it in the whole response (across earlier literals too) make an int, a sign allowed; a count of 0 or
 * less reads nothing and the response goes on.
 */
final class ResponseBudget extends InputStream {

  /** The longest an int is written ("-2147483648"), and the '}' CR LF after it. */
  private static final int LONGEST_COUNT = 14;

  private final InputStream in;
  private final long literalBudget;
  private final long hardLimit;

  private final byte[] buffer = new byte[8192];
  private int bufferPosition;
  private int bufferLength;

  /** The line being read, held until its end shows whether it announces a literal (which may have to be cut). */
  private byte[] line = new byte[256];
  private int lineLength;
  /** Where the last '{' of the held line is; -1 when it has none. */
  private int braceInLine = -1;

  /** A finished line, being handed over. */
  private byte[] pending = new byte[0];
  private int pendingPosition;

  /** Bytes of the current literal still to pass on, then to drop. */
  private long literalLeft;
  private long dropLeft;

  // The response being read, as Angus Mail's buffer holds it: its length, its last three bytes, and what follows its
  // last '{' (up to LONGEST_COUNT bytes; more, and it cannot be a count).
  private long responseBytes;
  private long literalBytes;
  private int last1 = -1;
  private int last2 = -1;
  private int last3 = -1;
  private boolean braceSeen;
  private final byte[] afterBrace = new byte[LONGEST_COUNT];
  private int afterBraceLength;
  private boolean afterBraceTooLong;

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
        seenInBulk(buffer, bufferPosition, n);
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

  /** Takes the line's bytes up to where Angus Mail would end it, if they are in the buffer; a finished line is handed on. */
  private void readLine() throws IOException {
    while (bufferPosition < bufferLength) {
      byte b = buffer[bufferPosition++];
      boolean endsLine = b == '\n' && last1 == '\r';
      hold(b);
      if (endsLine) {
        finishLine();
        return;
      }
    }
  }

  private void hold(byte b) throws IOException {
    responseBytes++;
    withinHardLimit();
    if (lineLength == line.length) {
      line = Arrays.copyOf(line, line.length * 2);
    }
    if (b == '{') {
      braceInLine = lineLength;
    }
    line[lineLength++] = b;
    seen(b);
  }

  private void withinHardLimit() throws IOException {
    if (responseBytes > hardLimit) {
      throw new IOException("the mail server sent a response over %d MB; the session is closed".formatted(hardLimit >> 20));
    }
  }

  /** Follows the bytes of the response as Angus Mail's buffer will hold them. */
  private void seen(byte b) {
    last3 = last2;
    last2 = last1;
    last1 = b & 0xff;
    if (b == '{') {
      braceSeen = true;
      afterBraceLength = 0;
      afterBraceTooLong = false;
    } else if (afterBraceLength < LONGEST_COUNT) {
      afterBrace[afterBraceLength++] = b;
    } else {
      afterBraceTooLong = true;
    }
  }

  /** The same for a literal's bytes, looking at no more of them than can matter: their last few. */
  private void seenInBulk(byte[] bytes, int offset, int length) {
    if (length <= LONGEST_COUNT + 1) {
      for (int i = offset; i < offset + length; i++) {
        seen(bytes[i]);
      }
      return;
    }
    // Whatever came before, a count would now have more than LONGEST_COUNT bytes after its brace, unless a brace is
    // among the last ones.
    afterBraceTooLong = true;
    for (int i = offset + length - LONGEST_COUNT - 1; i < offset + length; i++) {
      seen(bytes[i]);
    }
  }

  private void finishLine() throws IOException {
    long declared = declaredLiteral();
    if (declared == Long.MIN_VALUE) {
      // No literal: the response ends with this line.
      handOver(Arrays.copyOf(line, lineLength));
      endResponse();
      return;
    }
    long allowed = Math.max(0, Math.min(declared, literalBudget - literalBytes));
    if (allowed < declared) {
      if (braceInLine < 0) {
        // Its brace was in an earlier literal, already handed over: there is nothing left here to announce less.
        throw new IOException("the mail server sent a malformed response (a literal of %d bytes announced across another); the session is closed"
            .formatted(declared));
      }
      byte[] announced = ("{" + allowed + "}\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] cut = Arrays.copyOf(line, braceInLine + announced.length);
      System.arraycopy(announced, 0, cut, braceInLine, announced.length);
      handOver(cut);
      // From here Angus Mail's buffer holds the count announced, not the one declared.
      for (byte b : announced) {
        seen(b);
      }
    } else {
      handOver(Arrays.copyOf(line, lineLength));
    }
    literalBytes += allowed;
    responseBytes += allowed;
    withinHardLimit();
    literalLeft = allowed;
    dropLeft = Math.max(0, declared - allowed);
  }

  /** The count Angus Mail reads for the literal the line announces (0 or less: none to read); MIN_VALUE when none. */
  private long declaredLiteral() {
    if (responseBytes < 5 || last3 != '}' || !braceSeen || afterBraceTooLong || afterBraceLength < 3) {
      return Long.MIN_VALUE;
    }
    // As ASCIIUtility.parseInt reads it: an optional '-', then at least one digit, within an int.
    int end = afterBraceLength - 3;
    int i = 0;
    boolean negative = end > 0 && afterBrace[0] == '-';
    if (negative) {
      i++;
    }
    if (i >= end) {
      return Long.MIN_VALUE;
    }
    long count = 0;
    for (; i < end; i++) {
      byte digit = afterBrace[i];
      if (digit < '0' || digit > '9') {
        return Long.MIN_VALUE;
      }
      count = count * 10 + (digit - '0');
      if (count > (negative ? -(long) Integer.MIN_VALUE : Integer.MAX_VALUE)) {
        return Long.MIN_VALUE;
      }
    }
    return negative ? -count : count;
  }

  private void handOver(byte[] bytes) {
    pending = bytes;
    pendingPosition = 0;
    lineLength = 0;
    braceInLine = -1;
  }

  private void endResponse() {
    responseBytes = 0;
    literalBytes = 0;
    last1 = -1;
    last2 = -1;
    last3 = -1;
    braceSeen = false;
    afterBraceLength = 0;
    afterBraceTooLong = false;
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
        handOver(Arrays.copyOf(line, lineLength));
      }
      return false;
    }
    bufferPosition = 0;
    bufferLength = n;
    return true;
  }

  @Override
  public int available() throws IOException {
    return (pending.length - pendingPosition) + (bufferLength - bufferPosition) + in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
