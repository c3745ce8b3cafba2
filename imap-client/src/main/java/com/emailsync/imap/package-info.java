/** IMAP sessions with Angus Mail, shared by the services that talk to mailboxes. */
@NullMarked
package com.emailsync.imap;

import org.jspecify.annotations.NullMarked;
