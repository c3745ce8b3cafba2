package com.emailsync.localstack.demo;

import com.emailsync.localstack.LocalStack;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Wires the demo mailbox into the stack over public REST: contacts through the local import, a connection to the demo
 * mailbox with INBOX and Sent selected, and a "contact sends you an email" automation.
 */
record DemoSetup(String connectionId, String automationId) {

  static final String AUTOMATION_NAME = "Demo: follow up when a contact writes";

  static DemoSetup run(LocalStack stack, DemoMailbox mailbox, String token) {
    importContacts(signedIn(stack.contactImportUrl(), token));
    String connectionId = replaceConnection(signedIn(stack.connectionServiceUrl(), token), mailbox);
    String automationId = findOrCreateAutomation(signedIn(stack.automationTriggerUrl(), token));
    return new DemoSetup(connectionId, automationId);
  }

  private static RestClient signedIn(String baseUrl, String token) {
    return RestClient.builder().baseUrl(baseUrl).defaultHeader("Authorization", "Bearer " + token).build();
  }

  private static void importContacts(RestClient contactImport) {
    var contacts =
        DemoContact.ALL.stream()
            .map(c -> Map.of("contactId", c.contactId(), "name", c.name(), "emails", List.of(c.email())))
            .toList();
    contactImport
        .post()
        .uri("/api/v1/local/tenants/{tenant}/contacts", Demo.TENANT)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("contacts", contacts))
        .retrieve()
        .toBodilessEntity();
  }

  /**
   * The demo mailbox is new on every start (it lives in memory), so a connection kept from an earlier run points at
   * mail that no longer exists: it is deleted and a new one made. History from earlier runs stays.
   */
  private static String replaceConnection(RestClient connections, DemoMailbox mailbox) {
    JsonNode existing = connections.get().uri("/api/v1/tenants/{tenant}/connections", Demo.TENANT).retrieve().body(JsonNode.class);
    if (existing != null) {
      for (JsonNode connection : existing) {
        connections.delete().uri("/api/v1/tenants/{tenant}/connections/{id}", Demo.TENANT, connection.get("id").asString()).retrieve().toBodilessEntity();
      }
    }
    var request =
        Map.of(
            "ownerUserId", "dev-user",
            "emailAddress", DemoMailbox.ADDRESS,
            "imap", Map.of("host", mailbox.host(), "port", mailbox.port(), "security", "NONE", "username", DemoMailbox.ADDRESS, "password", DemoMailbox.PASSWORD));
    JsonNode created = connections.post().uri("/api/v1/tenants/{tenant}/connections", Demo.TENANT).contentType(MediaType.APPLICATION_JSON).body(request).retrieve().body(JsonNode.class);
    String id = required(created).get("id").asString();
    // GreenMail does not flag its Sent folder as \Sent, so the demo selects it the way a user would.
    connections
        .put()
        .uri("/api/v1/tenants/{tenant}/connections/{id}/folders", Demo.TENANT, id)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("folders", List.of("INBOX", DemoMailbox.SENT)))
        .retrieve()
        .toBodilessEntity();
    return id;
  }

  private static String findOrCreateAutomation(RestClient automations) {
    JsonNode existing = automations.get().uri("/api/v1/tenants/{tenant}/automations", Demo.TENANT).retrieve().body(JsonNode.class);
    if (existing != null) {
      for (JsonNode automation : existing) {
        if (AUTOMATION_NAME.equals(automation.get("name").asString())) {
          return automation.get("id").asString();
        }
      }
    }
    JsonNode created =
        automations
            .post()
            .uri("/api/v1/tenants/{tenant}/automations", Demo.TENANT)
            .contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("name", AUTOMATION_NAME, "trigger", "CONTACT_SENDS_EMAIL", "enabled", true))
            .retrieve()
            .body(JsonNode.class);
    return required(created).get("id").asString();
  }

  private static JsonNode required(JsonNode body) {
    if (body == null) {
      throw new IllegalStateException("The demo set-up got an empty response from the stack");
    }
    return body;
  }
}
