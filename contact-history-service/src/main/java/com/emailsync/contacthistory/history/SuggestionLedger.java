package com.emailsync.contacthistory.history;

import com.emailsync.events.ContactSuggested;
import java.util.List;

/** Port: who was suggested to the CRM already, once per tenant and address. */
public interface SuggestionLedger {

  /**
   * Records each suggestion unless one for its tenant and address was recorded, and says what happened to each, in
   * order: {@code NEW}, {@code REDELIVERED} (the same suggestion again, its publication may have been rolled back) or
   * {@code DUPLICATE} (suggested before, from other mail).
   */
  List<HistoryRepository.Stored> record(List<ContactSuggested> suggestions);
}
