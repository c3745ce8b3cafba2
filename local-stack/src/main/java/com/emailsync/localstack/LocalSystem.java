package com.emailsync.localstack;

import com.emailsync.localstack.demo.Demo;
import org.jspecify.annotations.Nullable;

/** Everything the run command starts, in order, and stops in reverse. */
public final class LocalSystem implements AutoCloseable {

  private final LocalInfrastructure infrastructure;
  private final LocalStack stack;
  private final @Nullable Demo demo;

  private LocalSystem(LocalInfrastructure infrastructure, LocalStack stack, @Nullable Demo demo) {
    this.infrastructure = infrastructure;
    this.stack = stack;
    this.demo = demo;
  }

  public static LocalSystem start(LocalStackOptions options) {
    var infrastructure = LocalInfrastructure.start(options);
    LocalStack stack = null;
    try {
      stack =
          LocalStack.start(
              new LocalStack.Settings(
                  infrastructure.kafkaBootstrapServers(),
                  infrastructure.mongoUri(),
                  infrastructure.atRestKey(),
                  infrastructure.transportKey(),
                  options.ports(),
                  options.extra(),
                  options.services()));
      Demo demo = options.demo() == null ? null : Demo.start(stack, options.demo());
      return new LocalSystem(infrastructure, stack, demo);
    } catch (RuntimeException e) {
      if (stack != null) {
        stack.close();
      }
      infrastructure.close();
      throw e;
    }
  }

  public LocalStack stack() {
    return stack;
  }

  public @Nullable Demo demo() {
    return demo;
  }

  public String kafkaBootstrapServers() {
    return infrastructure.kafkaBootstrapServers();
  }

  public String banner() {
    return """

        Email Sync is running.
          Kafka                      %s
          MongoDB                    %s
          connection-service         %s/api/v1/tenants/{tenantId}/connections
          sync-worker                %s/actuator/health
          contact-history-service    %s/api/v1/tenants/{tenantId}/contacts/{contactId}/history
          automation-trigger-service %s/api/v1/tenants/{tenantId}/automations
          contact import (local)     %s/api/v1/local/tenants/{tenantId}/contacts  (text/csv or application/json)
        %s
        Stop with Ctrl+C.
        """
        .formatted(
            infrastructure.kafkaBootstrapServers(), infrastructure.mongoUri(),
            stack.connectionServiceUrl(), stack.syncWorkerUrl(), stack.contactHistoryUrl(), stack.automationTriggerUrl(), stack.contactImportUrl(),
            demo == null ? "" : demo.describe(stack));
  }

  @Override
  public void close() {
    if (demo != null) {
      demo.close();
    }
    stack.close();
    infrastructure.close();
  }
}
