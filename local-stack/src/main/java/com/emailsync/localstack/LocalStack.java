package com.emailsync.localstack;

import com.emailsync.automation.AutomationTriggerApplication;
import com.emailsync.connection.ConnectionServiceApplication;
import com.emailsync.contacthistory.ContactHistoryApplication;
import com.emailsync.localstack.contacts.ContactImportApplication;
import com.emailsync.syncworker.SyncWorkerApplication;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services in one JVM, each in its own Spring context with its own configuration file, wired to one Kafka
 * broker and one MongoDB, plus the local contact import standing in for the CRM. The sync worker can be restarted
 * alone, as a crashed pod would be.
 */
public final class LocalStack implements AutoCloseable {

  /**
   * @param ports HTTP port per service (0 = any free port)
   * @param auth the identity provider whose bearer tokens the services accept
   * @param extra more properties for every service (e.g. a shorter poll interval in tests)
   */
  public record Settings(
      String kafkaBootstrapServers,
      String mongoUri,
      String atRestKey,
      String transportKey,
      Ports ports,
      Auth auth,
      Map<String, String> extra,
      Set<Service> services) {

    public Settings {
      services = services.isEmpty() ? EnumSet.allOf(Service.class) : EnumSet.copyOf(services);
    }

    /** Every service. */
    public Settings(String kafkaBootstrapServers, String mongoUri, String atRestKey, String transportKey, Ports ports, Auth auth, Map<String, String> extra) {
      this(kafkaBootstrapServers, mongoUri, atRestKey, transportKey, ports, auth, extra, Set.of());
    }
  }

  /**
   * The identity provider's issuer ({@code iss}), where it publishes its keys, and the services' clients there (client id
   * to secret), whose service tokens the other services' internal APIs take.
   */
  public record Auth(String issuer, String jwksUri, String tokenUri, Map<String, String> clientSecrets) {

    @Override
    public String toString() {
      return "Auth[issuer=%s, secrets hidden]".formatted(issuer);
    }

    /** The dev issuer, with each calling service registered as its client under a new secret. */
    public static Auth of(com.emailsync.devissuer.LoopbackIssuer issuer) {
      Map<String, String> secrets = new LinkedHashMap<>();
      for (String client : List.of(SYNC_WORKER_CLIENT, AUTOMATION_CLIENT)) {
        String secret = java.util.UUID.randomUUID().toString();
        issuer.registerClient(client, secret);
        secrets.put(client, secret);
      }
      return new Auth(issuer.issuer(), issuer.jwksUri(), issuer.issuer() + "/token", Map.copyOf(secrets));
    }
  }

  /** The trigger service's client id at the identity provider, as contact-history lists it among its internal callers. */
  static final String AUTOMATION_CLIENT = "automation-trigger-service";

  /** The sync worker's client id at the identity provider, as connection-service lists it among its internal callers. */
  static final String SYNC_WORKER_CLIENT = "sync-worker";

  /**
   * What the stack can run; a subset ({@code EMAILSYNC_SERVICES=connection,sync}) measures one service without the
   * others taking its CPU, or runs some services here and the rest elsewhere.
   */
  public enum Service {
    CONNECTION, SYNC, HISTORY, AUTOMATION, CONTACTS;

    /** @param names comma-separated, any case; blank means all of them */
    public static Set<Service> parse(@Nullable String names) {
      if (names == null || names.isBlank()) {
        return EnumSet.allOf(Service.class);
      }
      Set<Service> services = EnumSet.noneOf(Service.class);
      for (String name : names.split(",")) {
        try {
          services.add(valueOf(name.strip().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException("EMAILSYNC_SERVICES names an unknown service '" + name.strip() + "'; known: connection, sync, history, automation, contacts");
        }
      }
      return services;
    }
  }

  /** @param issuer the local stack's dev token issuer */
  public record Ports(int connection, int sync, int history, int automation, int contactImport, int issuer) {
    public static final Ports DEFAULT = new Ports(8081, 8082, 8083, 8084, 8085, 8090);
    public static final Ports ANY = new Ports(0, 0, 0, 0, 0, 0);
  }

  private final Settings settings;
  private final @Nullable ConfigurableApplicationContext connectionService;
  private @Nullable ConfigurableApplicationContext syncWorker;
  private final @Nullable ConfigurableApplicationContext contactHistory;
  private final @Nullable ConfigurableApplicationContext automationTrigger;
  private final @Nullable ConfigurableApplicationContext contactImport;

  private LocalStack(Settings settings) {
    this.settings = settings;
    this.connectionService = run(Service.CONNECTION, ConnectionServiceApplication::application, settings.ports().connection());
    this.contactHistory = run(Service.HISTORY, ContactHistoryApplication::application, settings.ports().history());
    this.automationTrigger = run(Service.AUTOMATION, AutomationTriggerApplication::application, settings.ports().automation());
    this.syncWorker = run(Service.SYNC, SyncWorkerApplication::application, settings.ports().sync());
    this.contactImport = run(Service.CONTACTS, ContactImportApplication::application, settings.ports().contactImport());
  }

  public static LocalStack start(Settings settings) {
    return new LocalStack(settings);
  }

  public String connectionServiceUrl() {
    return url(connectionService);
  }

  public String syncWorkerUrl() {
    return url(syncWorker);
  }

  public String contactHistoryUrl() {
    return url(contactHistory);
  }

  public String automationTriggerUrl() {
    return url(automationTrigger);
  }

  public String contactImportUrl() {
    return url(contactImport);
  }

  /** Stops the sync worker and starts a new one, which must pick up exactly where the old one committed. */
  public void restartSyncWorker() {
    if (syncWorker != null) {
      syncWorker.close();
    }
    syncWorker = run(SyncWorkerApplication.application(), settings.ports().sync());
  }

  private @Nullable ConfigurableApplicationContext run(Service service, java.util.function.Supplier<SpringApplicationBuilder> application, int port) {
    return settings.services().contains(service) ? run(application.get(), port) : null;
  }

  private ConfigurableApplicationContext run(SpringApplicationBuilder application, int port) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", port);
    // On this machine only: the local stack's services are not reachable from the network it sits on.
    properties.put("server.address", "127.0.0.1");
    properties.put("management.server.address", "127.0.0.1");
    // The actuator (health, metrics) listens 1000 above the service, as in production it listens on a port of its own.
    properties.put("management.server.port", port == 0 ? 0 : port + MANAGEMENT_OFFSET);
    properties.put("spring.kafka.bootstrap-servers", settings.kafkaBootstrapServers());
    properties.put("spring.mongodb.uri", settings.mongoUri());
    // The local stack plays the platform and the CRM: every service creates every topic the system uses (creating one
    // that exists is a no-op), so any subset of services started alone finds them all.
    properties.put("emailsync.kafka.create-topics", "all");
    properties.put("emailsync.secrets.at-rest-key", settings.atRestKey());
    properties.put("emailsync.secrets.transport-key", settings.transportKey());
    properties.put("emailsync.auth.issuer", settings.auth().issuer());
    properties.put("emailsync.auth.jwks-uri", settings.auth().jwksUri());
    // The sync worker reports refused OAuth access tokens to connection-service, with its own service token.
    if (connectionService != null) {
      properties.put("emailsync.connection-service.url", url(connectionService));
      properties.put("emailsync.connection-service.token-uri", settings.auth().tokenUri());
      properties.put("emailsync.connection-service.client-id", SYNC_WORKER_CLIENT);
      properties.put("emailsync.connection-service.client-secret", settings.auth().clientSecrets().get(SYNC_WORKER_CLIENT));
    }
    // The trigger service reads mail text for body filters from contact-history, with its own service token.
    if (contactHistory != null) {
      properties.put("emailsync.contact-history.url", url(contactHistory));
      properties.put("emailsync.contact-history.token-uri", settings.auth().tokenUri());
      properties.put("emailsync.contact-history.client-id", AUTOMATION_CLIENT);
      properties.put("emailsync.contact-history.client-secret", settings.auth().clientSecrets().get(AUTOMATION_CLIENT));
    }
    // The local stack's demo mailboxes are on this machine: loopback is allowed, and by name also in clear.
    properties.put("emailsync.imap.allowed-hosts", "127.0.0.1,localhost,127.0.0.0/8,::1/128");
    properties.putAll(settings.extra());
    List<String> args = new ArrayList<>();
    // Command-line style arguments win over each service's own yml, as environment variables would.
    properties.forEach((key, value) -> args.add("--" + key + "=" + value));
    return application.run(args.toArray(String[]::new));
  }

  /** A service's actuator port is its own port plus this. */
  public static final int MANAGEMENT_OFFSET = 1000;

  public String syncWorkerHealthUrl() {
    return syncWorker == null ? "not started" : "http://127.0.0.1:" + syncWorker.getEnvironment().getProperty("local.management.port") + "/actuator/health";
  }

  /** Where a service answers; "not started" for one left out of {@code EMAILSYNC_SERVICES}. */
  private static String url(@Nullable ConfigurableApplicationContext context) {
    return context == null ? "not started" : "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  @Override
  public void close() {
    for (var context : java.util.Arrays.asList(contactImport, syncWorker, automationTrigger, contactHistory, connectionService)) {
      if (context != null) {
        context.close();
      }
    }
  }
}
