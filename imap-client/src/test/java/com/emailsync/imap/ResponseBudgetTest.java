package com.emailsync.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.angus.mail.iap.ResponseInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Responses read by Angus Mail's own reader through the budget, from a server that sends them in pieces of a given size. */
class ResponseBudgetTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 8192})
  void passesResponsesWithinTheBudgetAsTheyCame(int piece) throws IOException {
    String fetch = "* 1 FETCH (UID 7 BODY[HEADER] {12}\r\nSubject: a\r\n BODY[1] {0}\r\n)\r\n";
    String bareLineFeed = "* OK a line with a bare \n {3}\r\nabc\r\n";
    var reader = reader(fetch + bareLineFeed + "A1 OK done\r\n", piece, 100, 1000);

    assertThat(text(reader.readResponse())).isEqualTo(fetch);
    assertThat(text(reader.readResponse())).as("a line ends at CRLF only, as Angus Mail reads it").isEqualTo(bareLineFeed);
    assertThat(text(reader.readResponse())).isEqualTo("A1 OK done\r\n");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 8192})
  void cutsTheLiteralsOfAResponseOverItsBudgetAndReadsTheNextResponseWhole(int piece) throws IOException {
    String header = "X".repeat(30);
    String text = "Y".repeat(40);
    var reader = reader("* 1 FETCH (BODY[HEADER] {30}\r\n" + header + " BODY[1] {40}\r\n" + text + ")\r\n* 2 FETCH (BODY[1] {5}\r\nhello)\r\n", piece, 50, 1000);

    assertThat(text(reader.readResponse())).as("the second literal gets what is left of 50")
        .isEqualTo("* 1 FETCH (BODY[HEADER] {30}\r\n" + header + " BODY[1] {20}\r\n" + "Y".repeat(20) + ")\r\n");
    assertThat(text(reader.readResponse())).isEqualTo("* 2 FETCH (BODY[1] {5}\r\nhello)\r\n");
  }

  /** Angus Mail alone grows its array to the 2 GB claimed before reading a byte of them. */
  @org.junit.jupiter.api.Test
  void aServerClaimingTwoGigabytesCostsTheBudgetNotTwoGigabytes() {
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    var reader = reader("* 1 FETCH (BODY[] {2000000000}\r\n" + "Z".repeat(64), 8192, 1 << 20, 2 << 20);
    long before = threads.getCurrentThreadAllocatedBytes();

    assertThatThrownBy(reader::readResponse).isInstanceOf(IOException.class).hasMessageContaining("Connection dropped");
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated reading it").isLessThan(8L << 20);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8192})
  void aCountAngusMailWouldNotReadAsALiteralIsNoLiteralHereEither(int piece) throws IOException {
    String notALiteral = "* OK {99999999999}\r\n";
    var reader = reader(notALiteral + "* OK {+5}\r\n", piece, 4, 1000);

    assertThat(text(reader.readResponse())).isEqualTo(notALiteral);
    assertThat(text(reader.readResponse())).isEqualTo("* OK {+5}\r\n");
  }

  /** Angus Mail looks for a literal's brace back across the whole response, earlier literals included, and so does this. */
  @ParameterizedTest
  @ValueSource(ints = {1, 4, 8192})
  void aLiteralAnnouncedAcrossAnEarlierLiteralIsReadAsAngusMailReadsIt(int piece) throws IOException {
    String withinBudget = "* 1 FETCH (X {2}\r\n{5}\r\nhello)\r\n";
    var reader = reader(withinBudget + "* 2 FETCH (X {11}\r\n{2000000000}\r\n)\r\n", piece, 100, 1000);

    assertThat(text(reader.readResponse())).isEqualTo(withinBudget);
    assertThatThrownBy(reader::readResponse).as("a count past the budget that cannot be announced again")
        .isInstanceOf(IOException.class).hasMessageContaining("malformed");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8192})
  void aNegativeCountReadsNothingAndTheResponseGoesOnAsInAngusMail(int piece) throws IOException {
    String negative = "* 1 FETCH (A {-1}\r\n)\r\n";
    var reader = reader(negative + "A1 OK done\r\n", piece, 100, 1000);

    assertThat(text(reader.readResponse())).isEqualTo(negative);
    assertThat(text(reader.readResponse())).isEqualTo("A1 OK done\r\n");
  }

  /** A literal ending in CR makes the LF after it the end of the line, in Angus Mail and here. */
  @ParameterizedTest
  @ValueSource(ints = {1, 8192})
  void aLiteralEndingInACarriageReturnEndsTheLineAtTheNextLineFeed(int piece) throws IOException {
    String first = "* 1 FETCH (BODY[] {3}\r\nab\r\n";
    var reader = reader(first + "A1 OK done\r\n", piece, 100, 1000);

    assertThat(text(reader.readResponse())).isEqualTo(first);
    assertThat(text(reader.readResponse())).isEqualTo("A1 OK done\r\n");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8192})
  void aResponseOverTheHardLimitFailsTheConnection(int piece) {
    var endlessLine = reader("* OK " + "x".repeat(2000) + "\r\n", piece, 100, 1000);
    var endlessEmptyLiterals = reader("* 1 FETCH (A {0}\r\n".repeat(100) + ")\r\n", piece, 100, 1000);

    assertThatThrownBy(endlessLine::readResponse).isInstanceOf(IOException.class).hasMessageContaining("response over");
    assertThatThrownBy(endlessEmptyLiterals::readResponse).isInstanceOf(IOException.class).hasMessageContaining("response over");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8192})
  void aConnectionThatDropsMidLineEndsAsAngusMailExpects(int piece) {
    var reader = reader("* 1 FETCH (UID", piece, 100, 1000);

    assertThatThrownBy(reader::readResponse).isInstanceOf(IOException.class).hasMessageContaining("Connection dropped");
  }

  private static String text(org.eclipse.angus.mail.iap.ByteArray response) {
    return new String(response.getBytes(), response.getStart(), response.getCount(), StandardCharsets.ISO_8859_1);
  }

  private static ResponseInputStream reader(String sent, int piece, long literalBudget, long hardLimit) {
    return new ResponseInputStream(new ResponseBudget(inPieces(sent.getBytes(StandardCharsets.ISO_8859_1), piece), literalBudget, hardLimit));
  }

  /** A socket's stream gives what has arrived, often less than asked for. */
  private static InputStream inPieces(byte[] bytes, int piece) {
    var all = new ByteArrayInputStream(bytes);
    return new InputStream() {
      @Override
      public int read() {
        return all.read();
      }

      @Override
      public int read(byte[] into, int offset, int length) {
        return all.read(into, offset, Math.min(length, piece));
      }
    };
  }
}
