package com.emailsync.events.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A container's health check where the image has no curl (Jib's images on a JRE base): exits 0 only when the URL
 * answers HTTP 200, as {@code java -cp @/app/jib-classpath-file com.emailsync.events.probe.HealthProbe
 * http://127.0.0.1:9081/actuator/health/readiness}. It sits in the module every service already carries, so each image
 * has it on its class path with no layer, file or module of its own, and it uses the JDK only, so the probe's JVM loads
 * little more than this class.
 */
public final class HealthProbe {

  /** Under Docker's and Kubernetes' default probe timeouts, so a hung service fails the check rather than the probe. */
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private HealthProbe() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: HealthProbe <url>, e.g. http://127.0.0.1:9081/actuator/health/readiness");
      System.exit(2);
    }
    System.exit(check(URI.create(args[0]), TIMEOUT));
  }

  /** @return 0 when {@code url} answered 200; 1 for another status, no answer in time, or nothing listening */
  static int check(URI url, Duration timeout) {
    try {
      var connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setInstanceFollowRedirects(false);
      try {
        int status = connection.getResponseCode();
        if (status == HttpURLConnection.HTTP_OK) {
          return 0;
        }
        // Docker keeps what a failed check printed (docker inspect): the health status the service gave.
        System.err.println(url + " answered " + status + " " + start(connection.getErrorStream()));
        return 1;
      } finally {
        connection.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      System.err.println(url + " did not answer: " + e);
      return 1;
    }
  }

  private static String start(@Nullable InputStream body) throws IOException {
    if (body == null) {
      return "";
    }
    try (body) {
      return new String(body.readNBytes(500), StandardCharsets.UTF_8);
    }
  }
}
