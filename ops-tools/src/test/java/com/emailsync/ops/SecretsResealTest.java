package com.emailsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.secrets.CredentialBinding;
import com.emailsync.events.secrets.SecretBox;
import com.emailsync.testsupport.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.Base64;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A key rotation's re-seal, on a MongoDB wire-protocol server, over connections stored as connection-service stores them. */
class SecretsResealTest {

  private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

  private final EmbeddedMongo mongo = EmbeddedMongo.start();
  private final MongoClient client = MongoClients.create(mongo.uri());
  private final MongoCollection<Document> connections = client.getDatabase(SecretsReseal.DATABASE).getCollection("connections");

  @AfterEach
  void stop() {
    client.close();
    mongo.close();
  }

  @Test
  void sealsEveryPasswordAgainUnderTheCurrentKeyAndHasEveryConnectionPublishedAgain() {
    var oldBox = SecretBox.fromKeyring("k1:" + K1);
    var rotating = SecretBox.fromKeyring("k2:" + K2 + ",k1:" + K1);
    store("conn-1", oldBox.seal("sams-password", binding("conn-1")), 3);
    store("conn-2", rotating.seal("lees-password", binding("conn-2")), 1);
    store("conn-3", SecretBox.fromKeyring("k9:" + K2).seal("unknown-key", binding("conn-3")), 1);

    var result = new SecretsReseal(client.getDatabase(SecretsReseal.DATABASE), rotating).run();

    assertThat(result).as("the unreadable one is not published either").isEqualTo(new SecretsReseal.Result(1, 2, 1));
    Document sams = connections.find(new Document("_id", "conn-1")).first();
    assertThat(sams.getString("sealedPassword")).startsWith("v2:k2:");
    assertThat(SecretBox.fromKeyring("k2:" + K2).open(sams.getString("sealedPassword"), binding("conn-1"))).as("k1 can be retired").isEqualTo("sams-password");
    assertThat(sams.getLong("version")).as("a new version: a change made meanwhile is applied again").isEqualTo(4);
    assertThat(sams.get("unpublished", Document.class).getDate("since").getTime()).isZero();
    assertThat(connections.find(new Document("_id", "conn-3")).first().getString("sealedPassword")).as("left as it was").startsWith("v2:k9:");

    var oauthGrant = new CredentialBinding("acme", "conn-4#refresh-token", "imap.acme.example", "conn-4@acme.example");
    store("conn-4", oldBox.seal("access-token", binding("conn-4")), 1);
    connections.updateOne(new Document("_id", "conn-4"), new Document("$set", new Document("oauth",
        new Document("provider", "google").append("sealedRefreshToken", oldBox.seal("refresh-token", oauthGrant)))));
    var withGrant = new SecretsReseal(client.getDatabase(SecretsReseal.DATABASE), rotating).run();
    assertThat(withGrant.resealed()).as("its access and refresh tokens").isEqualTo(2);
    String refresh = connections.find(new Document("_id", "conn-4")).first().get("oauth", Document.class).getString("sealedRefreshToken");
    assertThat(refresh).startsWith("v2:k2:");
    assertThat(SecretBox.fromKeyring("k2:" + K2).open(refresh, oauthGrant)).isEqualTo("refresh-token");

    var again = new SecretsReseal(client.getDatabase(SecretsReseal.DATABASE), rotating).run();
    assertThat(again.resealed()).as("nothing sealed twice").isZero();
  }

  private void store(String id, String sealedPassword, long version) {
    connections.insertOne(new Document("_id", id).append("tenantId", "acme")
        .append("imap", new Document("host", "imap.acme.example").append("port", 993).append("security", "SSL").append("username", id + "@acme.example"))
        .append("sealedPassword", sealedPassword).append("version", version));
  }

  private static CredentialBinding binding(String id) {
    return new CredentialBinding("acme", id, "imap.acme.example", id + "@acme.example");
  }
}
