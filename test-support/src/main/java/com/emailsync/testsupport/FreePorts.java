package com.emailsync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** For servers that must be told their port up front (Kafka's listeners, GreenMail) rather than pick one themselves. */
public final class FreePorts {

  private FreePorts() {}

  /** A loopback port free right now; the OS does not hand it out again at once, which is enough for a test. */
  public static int next() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
