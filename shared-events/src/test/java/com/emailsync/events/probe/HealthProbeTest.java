package com.emailsync.events.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

  private final CountDownLatch released = new CountDownLatch(1);
  private HttpServer server;

  @AfterEach
  void stop() {
    released.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void passesWhenTheServiceAnswers200() throws IOException {
    assertThat(HealthProbe.check(serving(200, "{\"status\":\"UP\"}"), Duration.ofSeconds(3))).isZero();
  }

  @Test
  void failsWhenTheServiceIsNotReady() throws IOException {
    assertThat(HealthProbe.check(serving(503, "{\"status\":\"OUT_OF_SERVICE\"}"), Duration.ofSeconds(3))).isEqualTo(1);
  }

  @Test
  void failsWhenARedirectWouldHideTheAnswer() throws IOException {
    assertThat(HealthProbe.check(serving(302, ""), Duration.ofSeconds(3))).isEqualTo(1);
  }

  @Test
  void failsWhenNothingListens() throws IOException {
    int closedPort;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI nothingThere = URI.create("http://127.0.0.1:" + closedPort + "/actuator/health/readiness");

    assertThat(HealthProbe.check(nothingThere, Duration.ofSeconds(3))).isEqualTo(1);
  }

  @Test
  void failsWhenTheServiceHangsPastTheTimeout() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.start();
    long started = System.nanoTime();

    assertThat(HealthProbe.check(url(), Duration.ofMillis(300))).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  private URI serving(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Location", "/elsewhere");
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return url();
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/actuator/health/readiness");
  }
}
