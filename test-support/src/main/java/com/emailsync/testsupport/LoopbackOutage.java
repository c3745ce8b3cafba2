package com.emailsync.testsupport;

/**
 * A TCP relay on loopback in front of a real server (MongoDB's wire protocol, say) that a test can cut and restore,
 * to play an outage of that server without stopping it: while cut, open connections are dropped and new ones are
 * closed as soon as they are accepted, as clients see when the server is down.
 */
public final class LoopbackOutage implements AutoCloseable {

  private final LoopbackRelay relay;

  private LoopbackOutage(int targetPort) {
    this.relay = new LoopbackRelay("outage-relay", targetPort, () -> LoopbackRelay.Directions.AS_THEY_ARE);
  }

  /** Relays a new loopback port to {@code targetPort} on loopback. */
  public static LoopbackOutage inFrontOf(int targetPort) {
    return new LoopbackOutage(targetPort);
  }

  public int port() {
    return relay.port();
  }

  /** From now on the server is unreachable: every connection through the relay is dropped. */
  public void cut() {
    relay.refuse(true);
  }

  public void restore() {
    relay.refuse(false);
  }

  @Override
  public void close() {
    relay.close();
  }
}
