package com.emailsync.localstack;

import com.emailsync.automation.AutomationTriggerApplication;
import com.emailsync.connection.ConnectionServiceApplication;
import com.emailsync.contacthistory.ContactHistoryApplication;
import com.emailsync.localstack.contacts.ContactImportApplication;
import com.emailsync.syncworker.SyncWorkerApplication;
import java.util.ArrayList;
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
   * @param extra more properties for every service (e.g. a shorter poll interval in tests)
   */
  public record Settings(
      String kafkaBootstrapServers, String mongoUri, String atRestKey, String transportKey, Ports ports, Map<String, String> extra) {}

  public record Ports(int connection, int sync, int history, int automation, int contactImport) {
    public static final Ports DEFAULT = new Ports(8081, 8082, 8083, 8084, 8085);
    public static final Ports ANY = new Ports(0, 0, 0, 0, 0);
  }

  private final Settings settings;
  private final ConfigurableApplicationContext connectionService;
  private ConfigurableApplicationContext syncWorker;
  private final ConfigurableApplicationContext contactHistory;
  private final ConfigurableApplicationContext automationTrigger;
  private final ConfigurableApplicationContext contactImport;

  private LocalStack(Settings settings) {
    this.settings = settings;
    this.connectionService = run(ConnectionServiceApplication.application(), settings.ports().connection());
    this.contactHistory = run(ContactHistoryApplication.application(), settings.ports().history());
    this.automationTrigger = run(AutomationTriggerApplication.application(), settings.ports().automation());
    this.syncWorker = run(SyncWorkerApplication.application(), settings.ports().sync());
    this.contactImport = run(ContactImportApplication.application(), settings.ports().contactImport());
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
    syncWorker.close();
    syncWorker = run(SyncWorkerApplication.application(), settings.ports().sync());
  }

  private ConfigurableApplicationContext run(SpringApplicationBuilder application, int port) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", port);
    properties.put("spring.kafka.bootstrap-servers", settings.kafkaBootstrapServers());
    properties.put("spring.mongodb.uri", settings.mongoUri());
    properties.put("emailsync.secrets.at-rest-key", settings.atRestKey());
    properties.put("emailsync.secrets.transport-key", settings.transportKey());
    properties.putAll(settings.extra());
    List<String> args = new ArrayList<>();
    // Command-line style arguments win over each service's own yml, as environment variables would.
    properties.forEach((key, value) -> args.add("--" + key + "=" + value));
    return application.run(args.toArray(String[]::new));
  }

  private static String url(ConfigurableApplicationContext context) {
    return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }

  @Override
  public void close() {
    for (var context : List.of(contactImport, syncWorker, automationTrigger, contactHistory, connectionService)) {
      context.close();
    }
  }
}
