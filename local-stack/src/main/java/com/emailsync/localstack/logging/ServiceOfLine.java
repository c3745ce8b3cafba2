package com.emailsync.localstack.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;

/**
 * {@code %service} in the local stack's log pattern: the service a line comes from. Deployed, each service is a JVM of
 * its own and its JSON lines carry {@code service.name}; here all share one JVM and one logging system, whose
 * application name is whichever context started last, so the service is read from the logger's package instead. A
 * library's line (Kafka, Spring, Tomcat) cannot be told apart that way and is named {@code local-stack}.
 */
public final class ServiceOfLine extends ClassicConverter {

  private static final Map<String, String> SERVICE_BY_PACKAGE =
      Map.of(
          "com.emailsync.connection.", "connection-service",
          "com.emailsync.syncworker.", "sync-worker",
          "com.emailsync.contacthistory.", "contact-history-service",
          "com.emailsync.automation.", "automation-trigger-service",
          "com.emailsync.localstack.contacts.", "contact-import");

  @Override
  public String convert(ILoggingEvent event) {
    return serviceOf(event.getLoggerName());
  }

  static String serviceOf(String loggerName) {
    for (var entry : SERVICE_BY_PACKAGE.entrySet()) {
      if (loggerName.startsWith(entry.getKey())) {
        return entry.getValue();
      }
    }
    return "local-stack";
  }
}
