package com.emailsync.events.logging;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Applies {@link SecretRedaction} to every text member of every structured log line (message, stack trace, MDC), in
 * every service: registered in {@code META-INF/spring.factories}, so no service can forget it.
 */
public final class RedactingLogMembers implements StructuredLoggingJsonMembersCustomizer<Object> {

  @Override
  public void customize(JsonWriter.Members<Object> members) {
    members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, SecretRedaction::redact));
  }
}
