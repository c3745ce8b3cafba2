package com.emailsync.contacthistory.catchup;

import java.util.Collection;
import java.util.Set;

/** Port: which history entries exist; an entry that exists settles its catch-up. */
public interface StoredEntries {

  /** Of the tenant's given entry ids, those stored. */
  Set<String> storedOf(String tenantId, Collection<String> entryIds);
}
