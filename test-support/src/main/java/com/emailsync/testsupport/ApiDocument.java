package com.emailsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OpenAPI document a running service serves, held against its checked-in copy under {@code docs/api/}: integrators
 * read the copy, so a change of the API that is not also a change of the copy fails the build. After a deliberate
 * change, {@code -Demailsync.api-docs.update=true} writes the served document over the copy, to be reviewed in the diff.
 */
public final class ApiDocument {

  private ApiDocument() {}

  /** @param service names the copy, {@code docs/api/<service>.yaml} at the repository's root */
  public static void assertServedMatchesCheckedIn(String serviceBaseUrl, String service) {
    String served = served(serviceBaseUrl);
    Path copy = repositoryRoot().resolve("docs/api/" + service + ".yaml");
    try {
      if (Boolean.getBoolean("emailsync.api-docs.update")) {
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, served, StandardCharsets.UTF_8);
      }
      assertThat(copy).as("the checked-in API document; write it with -Demailsync.api-docs.update=true").exists();
      assertThat(served)
          .as("%s serves another API than %s describes: if the change is meant, run this test with -Demailsync.api-docs.update=true and "
              + "commit the document", service, copy)
          .isEqualTo(Files.readString(copy, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String served(String serviceBaseUrl) {
    try {
      var answer = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(serviceBaseUrl + "/v3/api-docs.yaml")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as("the served API document: " + answer.body()).isEqualTo(200);
      return answer.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Tests run in their module's directory; the repository's root is the first parent holding {@code docs/}. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
