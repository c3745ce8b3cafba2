package com.emailsync.events.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A service's log line as an operator's log store receives it: JSON naming the service, the keys, no secret. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

  @Configuration(proxyBeanMethods = false)
  static class NoBeans {}

  @Test
  void aLineIsJsonNamingItsServiceAndCarryingItsKeysWithSecretsRedacted(CapturedOutput output) {
    // Another test's context, still cached in this JVM, may have set logging up already: start from Boot's clean state,
    // so this application's own logging settings are applied as a service's are when it starts.
    LoggingSystem.get(getClass().getClassLoader()).cleanUp();
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzYW0ifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
    try (var context = new SpringApplicationBuilder(NoBeans.class)
        .web(WebApplicationType.NONE)
        .properties("spring.application.name=sync-worker", "logging.structured.format.console=ecs")
        .run()) {
      try (var ignored = LogContext.of(LogContext.TENANT, "acme", LogContext.CONNECTION, "conn-7")) {
        LoggerFactory.getLogger("org.example.SomeLibrary")
            .warn("Server said: Authorization: Bearer {} rejected; client_secret=s3cr3t-V4lue, password: Hunter-22", jwt);
      }
      LoggerFactory.getLogger("org.example.SomeLibrary").warn("after the pass");
    }

    List<JsonNode> lines = output.getOut().lines().filter(line -> line.startsWith("{")).map(JsonMapper.shared()::readTree).toList();
    JsonNode line = lines.stream().filter(l -> l.path("message").asString().startsWith("Server said")).findFirst().orElseThrow();
    assertThat(line.path("service").path("name").asString()).isEqualTo("sync-worker");
    assertThat(line.path("tenantId").asString()).isEqualTo("acme");
    assertThat(line.path("connectionId").asString()).isEqualTo("conn-7");
    assertThat(line.path("message").asString())
        .doesNotContain(jwt, "s3cr3t-V4lue", "Hunter-22")
        .contains("Bearer [redacted]", "client_secret=[redacted]", "password: [redacted]");
    JsonNode after = lines.stream().filter(l -> l.path("message").asString().equals("after the pass")).findFirst().orElseThrow();
    assertThat(after.has("connectionId")).as("the keys end with the work").isFalse();
  }
}
