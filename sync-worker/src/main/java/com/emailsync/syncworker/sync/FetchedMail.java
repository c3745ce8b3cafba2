package com.emailsync.syncworker.sync;

import com.emailsync.events.MailMessage;
import java.time.Instant;

/** A message read from a folder: its UID, when the server received it, and its content. */
public record FetchedMail(long uid, Instant internalDate, MailMessage message) implements Fetched {}
