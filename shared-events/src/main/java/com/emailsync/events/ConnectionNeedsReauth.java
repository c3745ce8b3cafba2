package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A mailbox connected by OAuth must be signed in to again by its owner, so the CRM can tell them: its grant was revoked
 * (the provider refused to refresh it: a password change, a revoked app, an expired grant), and it no longer syncs;
 * connecting it by OAuth again keeps the connection, its folders and its cursors. On the sync status topic, key
 * connectionId.
 *
 * @param provider the OAuth provider's id ({@code google}, {@code microsoft}...)
 * @param detail a sentence for the owner: what happened and what to do
 */
public record ConnectionNeedsReauth(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    String tenantId,
    String ownerUserId,
    String emailAddress,
    String provider,
    @Nullable String detail)
    implements DomainEvent {

  public static final String TYPE = "emailsync.connection.needs-reauth.v1";

  public ConnectionNeedsReauth {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.text(tenantId, "tenantId");
    Require.text(ownerUserId, "ownerUserId");
    Require.text(emailAddress, "emailAddress");
    Require.text(provider, "provider");
  }

  @Override
  public String aggregateId() {
    return connectionId;
  }
}
