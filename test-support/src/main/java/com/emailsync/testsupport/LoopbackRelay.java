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
import java.util.function.Supplier;

/**
 * A TCP relay on loopback to a server on loopback: each accepted connection gets a connection of its own to the
 * server, and the two directions are copied by the relay's user (as they are, or rewritten). What the outage relay
 * and the Gmail proxy share.
 */
final class LoopbackRelay implements AutoCloseable {

  /** Copies one direction of one connection until either side ends. */
  @FunctionalInterface
  interface Copy {
    void copy(InputStream from, OutputStream to) throws IOException;
  }

  /** How one connection is copied: client to server, server to client. */
  record Directions(Copy toServer, Copy toClient) {
    static final Directions AS_THEY_ARE = new Directions(InputStream::transferTo, InputStream::transferTo);
  }

  private final ServerSocket listener;
  private final int targetPort;
  private final Supplier<Directions> perConnection;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean refusing;

  /** @param perConnection called once per accepted connection: what state a connection keeps lives in its copies */
  LoopbackRelay(String name, int targetPort, Supplier<Directions> perConnection) {
    this.targetPort = targetPort;
    this.perConnection = perConnection;
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().name(name + "-accept").start(this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Drops every open connection; while refusing, new ones are closed as soon as they are accepted. */
  void refuse(boolean refuse) {
    refusing = refuse;
    if (refuse) {
      open.forEach(LoopbackRelay::closeQuietly);
      open.clear();
    }
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (refusing) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        // Each side's writes go on at once, as they would without the relay: with Nagle's algorithm a command written in
        // two pieces waits for the other end's delayed ACK, some 40 ms a round trip that no real path between the two has.
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        open.add(client);
        open.add(server);
        Directions directions = perConnection.get();
        Thread.ofVirtual().start(() -> pump(client, server, directions.toServer()));
        Thread.ofVirtual().start(() -> pump(server, client, directions.toClient()));
      } catch (IOException e) {
        // The listener was closed, or the server refused: the client sees its connection fail either way.
      }
    }
  }

  private void pump(Socket from, Socket to, Copy copy) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      copy.copy(in, out);
    } catch (IOException e) {
      // One side went away (or the relay dropped it): the other is closed below.
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
    refuse(true);
    try {
      listener.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }
}
