package com.emailsync.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on loopback in front of a real server (MongoDB's wire protocol, say) that a test can cut and restore,
 * to play an outage of that server without stopping it: while cut, open connections are dropped and new ones are
 * closed as soon as they are accepted, as clients see when the server is down.
 */
public final class LoopbackOutage implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  private LoopbackOutage(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("outage-relay-accept").start(this::acceptLoop);
  }

  /** Relays a new loopback port to {@code targetPort} on loopback. */
  public static LoopbackOutage inFrontOf(int targetPort) {
    try {
      return new LoopbackOutage(targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** From now on the server is unreachable: every connection through the relay is dropped. */
  public void cut() {
    cut = true;
    open.forEach(LoopbackOutage::closeQuietly);
    open.clear();
  }

  public void restore() {
    cut = false;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (cut) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(server);
        Thread.ofVirtual().start(() -> pump(client, server));
        Thread.ofVirtual().start(() -> pump(server, client));
      } catch (IOException e) {
        // The listener was closed, or the server refused: the client sees its connection fail either way.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // One side went away (or the relay was cut): the other is closed below.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    cut();
    try {
      listener.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }
}
