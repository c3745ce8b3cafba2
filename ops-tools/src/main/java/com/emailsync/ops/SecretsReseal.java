package com.emailsync.ops;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.emailsync.events.secrets.CredentialBinding;
import com.emailsync.events.secrets.SecretBox;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The second half of a key rotation: seals every stored mailbox password again under the current at-rest key, so the
 * old key can be retired, and has connection-service publish every connection again, sealed under its current
 * transport key, so the workers' old transport key can be retired too.
 *
 * <p>Run it once connection-service runs with the new at-rest key first in its keyring ({@code k2:...,k1:...}) and
 * every sync worker knows the new transport key. It reads the keyring from {@code EMAILSYNC_SECRETS_AT_REST_KEY}, never
 * from its arguments (which other users of the machine can read). Each password is replaced only if it is still the
 * one read, as a new version of its connection, so a change made meanwhile is neither lost nor undone; running it again
 * seals nothing twice. A password that does not open with the keyring is counted and left as it is. Connections are
 * published again by connection-service's own republisher, every {@code emailsync.republish-interval}.
 *
 * <p>{@code EMAILSYNC_SECRETS_AT_REST_KEY=k2:...,k1:... java -cp ... com.emailsync.ops.SecretsReseal <mongodb-uri>}
 */
public final class SecretsReseal {

  static final String DATABASE = "emailsync-connections";

  /** @param failed passwords that did not open with the keyring, left as they were */
  public record Result(int resealed, int republished, int failed) {}

  private final MongoCollection<Document> connections;
  private final SecretBox atRest;

  public SecretsReseal(MongoDatabase database, SecretBox atRest) {
    this.connections = database.getCollection("connections");
    this.atRest = atRest;
  }

  public static void main(String[] args) {
    String keyring = System.getenv("EMAILSYNC_SECRETS_AT_REST_KEY");
    if (args.length != 1 || keyring == null || keyring.isBlank()) {
      System.err.println("usage: EMAILSYNC_SECRETS_AT_REST_KEY=<keyring, current key first> SecretsReseal <mongodb-uri>");
      System.exit(2);
    }
    try (var client = MongoClients.create(args[0])) {
      SecretBox atRest = SecretBox.fromKeyring(keyring);
      Result result = new SecretsReseal(client.getDatabase(DATABASE), atRest).run();
      System.out.printf("Sealed again under key %s: %d secret(s); to be published again: %d connection(s); unreadable, left as they were: %d%n",
          atRest.currentKeyId(), result.resealed(), result.republished(), result.failed());
      if (result.failed() > 0) {
        System.exit(1);
      }
    }
  }

  public Result run() {
    int resealed = 0;
    int republished = 0;
    int failed = 0;
    for (Document connection : connections.find()) {
      Document imap = connection.get("imap", Document.class);
      var binding = new CredentialBinding(connection.getString("tenantId"), connection.getString("_id"), imap.getString("host"), imap.getString("username"));
      Document oauth = connection.get("oauth", Document.class);
      try {
        resealed += reseal(connection, "sealedPassword", connection.getString("sealedPassword"), binding);
        // A connection by OAuth holds its refresh token sealed too, under a binding of its own.
        resealed += reseal(connection, "oauth.sealedRefreshToken", oauth == null ? null : oauth.getString("sealedRefreshToken"), binding.forRefreshToken());
      } catch (SecretBox.SecretUnreadableException e) {
        System.err.println("Connection " + connection.getString("_id") + ": " + e.getMessage());
        failed++;
        continue;
      }
      // An unpublished mark from the start of time: connection-service's republisher publishes it first, sealed anew
      // for the workers. One already waiting is published anyway.
      republished += (int) connections.updateOne(
          and(eq("_id", connection.get("_id")), exists("unpublished", false)),
          Updates.set("unpublished", new Document("mark", "reseal-" + UUID.randomUUID()).append("since", new Date(0)))).getModifiedCount();
    }
    return new Result(resealed, republished, failed);
  }

  /**
   * Seals the value of {@code field} again under the current key, if another sealed it, and only if it is still the
   * one read, as a new version of its connection.
   *
   * @return 1 when it was sealed again, else 0
   * @throws SecretBox.SecretUnreadableException when no key of the keyring opens it
   */
  private int reseal(Document connection, String field, @Nullable String sealed, CredentialBinding binding) {
    if (sealed == null || !atRest.needsResealing(sealed)) {
      return 0;
    }
    String secret = atRest.open(sealed, binding);
    return (int) connections.updateOne(
        and(eq("_id", connection.get("_id")), eq(field, sealed)),
        Updates.combine(Updates.set(field, atRest.seal(secret, binding)), Updates.inc("version", 1L))).getModifiedCount();
  }
}
