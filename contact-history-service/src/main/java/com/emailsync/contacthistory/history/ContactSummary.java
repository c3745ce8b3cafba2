package com.emailsync.contacthistory.history;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A contact's email at a glance: how many, and when the last one came in and went out. */
public record ContactSummary(long entries, @Nullable Instant lastReceivedAt, @Nullable Instant lastSentAt) {}
