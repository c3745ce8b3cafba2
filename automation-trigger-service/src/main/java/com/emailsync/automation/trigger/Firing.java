package com.emailsync.automation.trigger;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One firing of an automation for a contact and a message: the dedupe ledger's entry.
 *
 * @param id stable, derived from automation, contact and Message-ID: the ledger's unique key
 */
public record Firing(
    String id,
    String automationId,
    String tenantId,
    String contactId,
    String entryId,
    String messageId,
    @Nullable String subject,
    Instant firedAt,
    UUID sourceEventId) {}
