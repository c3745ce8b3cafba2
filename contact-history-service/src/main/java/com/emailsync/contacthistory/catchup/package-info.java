/**
 * Catching up on mail that arrived before its contact was known: a metadata-only index of recent mail by participant
 * address, and re-read requests to the sync worker when a contact appears or gains an address (ADR 0005). Plain Java;
 * MongoDB, Kafka and scheduling are adapters in the sub-packages.
 */
@NullMarked
package com.emailsync.contacthistory.catchup;

import org.jspecify.annotations.NullMarked;
