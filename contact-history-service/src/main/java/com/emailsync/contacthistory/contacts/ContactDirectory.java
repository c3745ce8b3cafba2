package com.emailsync.contacthistory.contacts;

import com.emailsync.events.ContactKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Port: the tenants' CRM contacts, as last published by the CRM, each under its (tenant, contact id) key. */
public interface ContactDirectory {

  /**
   * @param awaitingCatchUp addresses whose earlier mail is still to be asked for: kept with the contact until
   *     {@link #caughtUp}, so a crash in between does not lose the catch-up
   */
  void save(Contact contact, Set<String> awaitingCatchUp);

  Optional<Stored> find(ContactKey key);

  /** The catch-up of the contact's awaited addresses has been asked for. */
  void caughtUp(ContactKey key);

  void delete(ContactKey key);

  /**
   * The contacts that have any of the addresses of their own tenant, compared loosely ({@link Addresses#loose}): one
   * lookup for a whole batch of mail, whatever tenants it spans. A contact of one tenant never matches another
   * tenant's addresses. Callers that compare exactly narrow the result.
   */
  List<Contact> findByAddresses(Map<String, Set<String>> addressesByTenant);

  record Stored(Contact contact, Set<String> awaitingCatchUp) {
    public Stored {
      awaitingCatchUp = Set.copyOf(awaitingCatchUp);
    }
  }
}
