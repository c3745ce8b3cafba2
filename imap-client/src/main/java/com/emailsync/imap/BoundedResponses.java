package com.emailsync.imap;

import java.io.BufferedInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.eclipse.angus.mail.iap.Protocol;
import org.eclipse.angus.mail.iap.ResponseInputStream;

/**
 * Puts a {@link ResponseBudget} under the reader of an Angus Mail protocol connection. It sits above TLS and
 * compression, where the IMAP bytes are, which no socket factory can reach: Angus Mail layers TLS over the socket a
 * factory makes. Angus Mail has no setting for it, so the connection's reader, a private field, is replaced, wrapping
 * the stream the old reader buffered from, so nothing it had read ahead is lost. Done again after STARTTLS and
 * COMPRESS, which make a new reader. If Angus Mail ever renames the fields, every connection fails at once and every
 * IMAP test with it, never silently unbounded.
 */
final class BoundedResponses {

  /** The literals of one response: far above any window the sync asks for (half a megabyte by default). */
  static final long LITERAL_BUDGET = 64L << 20;
  /** All of one response: past this the server is not sending IMAP, and the connection fails. */
  static final long HARD_LIMIT = 96L << 20;

  private static final VarHandle INPUT;
  private static final VarHandle BUFFERED;

  static {
    try {
      INPUT = MethodHandles.privateLookupIn(Protocol.class, MethodHandles.lookup()).findVarHandle(Protocol.class, "input", ResponseInputStream.class);
      BUFFERED = MethodHandles.privateLookupIn(ResponseInputStream.class, MethodHandles.lookup())
          .findVarHandle(ResponseInputStream.class, "bin", BufferedInputStream.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private BoundedResponses() {}

  static void bound(Protocol protocol) {
    var current = (ResponseInputStream) INPUT.getVolatile(protocol);
    var buffered = (BufferedInputStream) BUFFERED.get(current);
    INPUT.setVolatile(protocol, new ResponseInputStream(new ResponseBudget(buffered, LITERAL_BUDGET, HARD_LIMIT)));
  }
}
