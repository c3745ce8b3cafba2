/**
 * Syncing a connection's folders: a UID cursor per folder, mail fetched in batches, and each batch's events committed
 * together with the cursor that covers them. Plain Java; IMAP and Kafka are behind the ports.
 */
@NullMarked
package com.emailsync.syncworker.sync;

import org.jspecify.annotations.NullMarked;
