package com.emailsync.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A mailbox connected by OAuth will need its owner to sign in again by {@code reauthDueAt}: its provider asks for
 * consent again a fixed time after the last sign-in (Google). Announced ahead, once per sign-in, so the CRM can ask the
 * owner before the mailbox stops syncing; signing in again before then moves the date and nothing stops. On the sync
 * status topic, key connectionId.
 *
 * @param signedInAt when the owner last signed in, from which the date is counted
 * @param detail a sentence for the owner: what will happen and what to do
 */
public record ConnectionReauthDue(
    UUID eventId,
    Instant occurredAt,
    String connectionId,
    String tenantId,
    String ownerUserId,
    String emailAddress,
    String provider,
    Instant signedInAt,
    Instant reauthDueAt,
    @Nullable String detail)
    implements DomainEvent {

  public static final String TYPE = "emailsync.connection.reauth-due.v1";

  public ConnectionReauthDue {
    Require.present(eventId, "eventId");
    Require.present(occurredAt, "occurredAt");
    Require.text(connectionId, "connectionId");
    Require.text(tenantId, "tenantId");
    Require.text(ownerUserId, "ownerUserId");
    Require.text(emailAddress, "emailAddress");
    Require.text(provider, "provider");
    Require.present(signedInAt, "signedInAt");
    Require.present(reauthDueAt, "reauthDueAt");
  }

  @Override
  public String aggregateId() {
    return connectionId;
  }
}
