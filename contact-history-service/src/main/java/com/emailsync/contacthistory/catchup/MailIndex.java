package com.emailsync.contacthistory.catchup;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Port: recent mail by participant address, metadata only, forgotten after the longest catch-up window. */
public interface MailIndex {

  /** Adds each mail once per tenant and Message-ID; the first location seen is the one kept. */
  void add(List<IndexedMail> mail);

  /** Takes these addresses out of the tenant's indexed mail: a person's privacy request. */
  void forget(String tenantId, Set<String> addresses);

  /** The tenant's mail sent since the instant with any of the addresses among its participants, newest first. */
  List<IndexedMail> find(String tenantId, Set<String> addresses, Instant since, int limit);
}
