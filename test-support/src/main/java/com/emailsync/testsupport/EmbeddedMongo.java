package com.emailsync.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** A MongoDB wire-protocol server in memory on a free loopback port: the real driver talks to it over TCP. */
public final class EmbeddedMongo implements AutoCloseable {

  private final MongoServer server = new MongoServer(new MemoryBackend());
  private final String uri;

  private EmbeddedMongo() {
    server.bind("127.0.0.1", 0);
    InetSocketAddress address = server.getLocalAddress();
    this.uri = "mongodb://127.0.0.1:" + address.getPort();
  }

  public static EmbeddedMongo start() {
    return new EmbeddedMongo();
  }

  public int port() {
    return server.getLocalAddress().getPort();
  }

  public String uri() {
    return uri;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
