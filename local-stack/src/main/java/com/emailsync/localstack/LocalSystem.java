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
                  LocalStack.Auth.of(infrastructure.issuer()),
                  options.extra(),
                  options.services()));
      Demo demo = options.demo() == null ? null : Demo.start(stack, options.demo(), devToken(infrastructure));
      return new LocalSystem(infrastructure, stack, demo);
    } catch (RuntimeException e) {
      if (stack != null) {
        stack.close();
      }
      infrastructure.close();
      throw e;
    }
  }

  /** A token of the demo tenant's admin, to try the APIs with at once. */
  private static String devToken(LocalInfrastructure infrastructure) {
    return infrastructure.issuer().token(Demo.TENANT, DEV_USER, DEV_ROLE);
  }

  static final String DEV_USER = "dev-user";
  static final String DEV_ROLE = "emailsync-admin";

  /** A token for {@code tenantId}, as the CRM's identity provider would sign one for its admin. */
  public String devToken(String tenantId) {
    return infrastructure.issuer().token(tenantId, DEV_USER, DEV_ROLE);
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
          sync-worker                %s  (each service's actuator: its port + 1000)
          contact-history-service    %s/api/v1/tenants/{tenantId}/contacts/{contactId}/history
          automation-trigger-service %s/api/v1/tenants/{tenantId}/automations
          contact import (local)     %s/api/v1/local/tenants/{tenantId}/contacts  (text/csv or application/json)
          dev token issuer           %s  (loopback only; never in production)

        Every API takes a bearer token. One for tenant '%s' (user %s, role %s), good for 12 hours:
          export TOKEN=%s
          curl -H "Authorization: Bearer $TOKEN" %s/api/v1/tenants/%s/connections
        A token for another tenant or user:
          curl -s -X POST %s/token -d tenant_id=acme -d sub=sam     (add -d roles=%s for an admin)
        %s
        Stop with Ctrl+C.
        """
        .formatted(
            infrastructure.kafkaBootstrapServers(), infrastructure.mongoUri(),
            stack.connectionServiceUrl(), stack.syncWorkerHealthUrl(), stack.contactHistoryUrl(), stack.automationTriggerUrl(), stack.contactImportUrl(),
            infrastructure.issuer().issuer(),
            Demo.TENANT, DEV_USER, DEV_ROLE, devToken(Demo.TENANT), stack.connectionServiceUrl(), Demo.TENANT,
            infrastructure.issuer().issuer(), DEV_ROLE,
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
