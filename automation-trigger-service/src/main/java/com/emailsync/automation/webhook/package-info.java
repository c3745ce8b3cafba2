/**
 * Webhooks: a second way out for the trigger's events, to per-tenant HTTPS endpoints, signed, retried for hours, and
 * dead-lettered with a redeliver action. The core (this package) is plain Java; adapters do the I/O.
 */
@org.jspecify.annotations.NullMarked
package com.emailsync.automation.webhook;
