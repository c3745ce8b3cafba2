package com.emailsync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a service's REST API over real HTTP, as another CRM service would, and reads the JSON answer. */
public final class JsonHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final @Nullable String token;

  /** Without a token: for what needs none (health, the local contact import), and to show a refusal. */
  public JsonHttp(String baseUrl) {
    this(baseUrl, null);
  }

  private JsonHttp(String baseUrl, @Nullable String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** The same calls, made with this bearer token, as a signed-in CRM user's would be. */
  public JsonHttp withToken(String bearerToken) {
    return new JsonHttp(baseUrl, bearerToken);
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  public Response post(String path, @Nullable Object body) {
    return send(HttpRequest.newBuilder(uri(path)).POST(bodyOf(body)).header("Content-Type", "application/json"));
  }

  /** For bodies that are not JSON, such as a CSV import. */
  public Response post(String path, String contentType, String body) {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType));
  }

  public Response put(String path, Object body) {
    return send(HttpRequest.newBuilder(uri(path)).PUT(bodyOf(body)).header("Content-Type", "application/json"));
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private static HttpRequest.BodyPublisher bodyOf(@Nullable Object body) {
    if (body == null) {
      return HttpRequest.BodyPublishers.noBody();
    }
    return HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body));
  }

  private Response send(HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
      return new Response(response.statusCode(), contentType, response.body(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Response(int status, String contentType, String raw, JsonNode json) {}
}
