package com.emailsync.localstack.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** In the local stack's one console, a line names the service it comes from, not whichever started last. */
class ServiceOfLineTest {

  @Test
  void aLineNamesTheServiceOfItsLoggerAndALibrarysLineTheLocalStack() {
    assertThat(line("com.emailsync.syncworker.sync.scheduling.SyncScheduler")).isEqualTo("sync-worker");
    assertThat(line("com.emailsync.connection.oauth.OAuthConnections")).isEqualTo("connection-service");
    assertThat(line("com.emailsync.contacthistory.history.messaging.RetentionScheduler")).isEqualTo("contact-history-service");
    assertThat(line("com.emailsync.automation.webhook.scheduling.WebhookDispatcher")).isEqualTo("automation-trigger-service");
    assertThat(line("com.emailsync.localstack.contacts.ContactCsv")).isEqualTo("contact-import");
    assertThat(line("org.apache.kafka.clients.NetworkClient")).isEqualTo("local-stack");
  }

  private static String line(String loggerName) {
    var context = new LoggerContext();
    var event = new LoggingEvent(ServiceOfLineTest.class.getName(), context.getLogger(loggerName), Level.INFO, "a line", null, null);
    return new ServiceOfLine().convert(event);
  }
}
