package com.emailsync.localstack.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.ContactChanged;
import com.emailsync.events.Topics;
import com.emailsync.testsupport.JsonHttp;
import com.emailsync.testsupport.TestIssuer;
import com.emailsync.testsupport.ServiceIntegrationTest;
import com.emailsync.testsupport.TopicReader;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The local contact import publishes contacts and deletions under the CRM's key, {@code <tenantId>/<contactId>}. */
@SpringBootTest(
    classes = ContactImportApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=" + ContactImportApplication.CONFIG_NAME})
@ServiceIntegrationTest
class ContactImportIT {

  @LocalServerPort int port;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @Test
  void publishesAndDeletesAContactUnderItsTenantsKey() {
    String t1 = "t1-" + UUID.randomUUID();
    String t1d = "t1d-" + UUID.randomUUID();
    String csv = "contactId,name,emails\nc-ann,Ann,ann@one.example\n";
    var base = new JsonHttp("http://localhost:" + port + "/api/v1/local/tenants/");
    assertThat(base.withToken(TestIssuer.token(t1, "crm")).post(t1 + "/contacts", "text/csv", csv).status()).isEqualTo(202);
    assertThat(base.withToken(TestIssuer.token(t1d, "crm")).post(t1d + "/contacts", "text/csv", csv).status()).isEqualTo(202);
    assertThat(base.post(t1 + "/contacts", "text/csv", csv).status()).as("without a token").isEqualTo(401);

    assertThat(base.withToken(TestIssuer.token(t1d, "crm")).delete(t1d + "/contacts/c-ann").status()).isEqualTo(204);

    try (var contacts = new TopicReader(brokers, Topics.CONTACTS)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> contacts.poll().stream().anyMatch(r -> r.value() == null && r.key().startsWith(t1d)));
      var ofTheseTenants = contacts.poll().stream().filter(r -> r.key().startsWith(t1 + "/") || r.key().startsWith(t1d + "/")).toList();
      // Kafka keeps order per key (partition), not across keys.
      assertThat(ofTheseTenants).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(t1 + "/c-ann", t1d + "/c-ann", t1d + "/c-ann");
      var ofT1d = ofTheseTenants.stream().filter(r -> r.key().equals(t1d + "/c-ann")).toList();
      assertThat(ofT1d.getFirst().value()).isNotNull();
      assertThat(ofT1d.getLast().value()).as("a tombstone").isNull();
      assertThat(contacts.events(ContactChanged.class)).filteredOn(c -> c.tenantId().equals(t1)).hasSize(1);
    }
  }
}
