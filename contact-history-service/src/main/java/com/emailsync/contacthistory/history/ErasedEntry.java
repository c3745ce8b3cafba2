package com.emailsync.contacthistory.history;

/** An entry that is gone, named so that copies downstream can follow. */
public record ErasedEntry(String tenantId, String contactId, String entryId) {}
