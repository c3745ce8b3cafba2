/** Suggesting a mailbox's IMAP settings from its address: provider presets, SRV records (RFC 6186), MX records. */
@NullMarked
package com.emailsync.connection.discovery;

import org.jspecify.annotations.NullMarked;
