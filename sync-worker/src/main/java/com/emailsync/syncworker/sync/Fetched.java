package com.emailsync.syncworker.sync;

/** What a fetch found at a UID: the mail, or why it could not be read. One message never fails its batch. */
public sealed interface Fetched permits FetchedMail, UnreadableMail {

  long uid();
}
