/**
 * Mailbox connections: connect (log in and list folders), choose folders, resync, delete, and show sync health. The
 * core here imports no Spring, Kafka, MongoDB or jakarta.mail; adapters live in the sub-packages.
 */
@NullMarked
package com.emailsync.connection.mailbox;

import org.jspecify.annotations.NullMarked;
