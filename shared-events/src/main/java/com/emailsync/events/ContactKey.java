package com.emailsync.events;

/**
 * Who a contact is across tenants: CRMs number contacts per tenant, so {@code contact-1} of one tenant and of another
 * are different people. On the wire it is the Kafka key {@code <tenantId>/<contactId>} of every contact-keyed topic
 * (contacts, contact activity, automation triggers), and so also what a tombstone on the compacted contacts topic names.
 * A tenant id never contains {@code /}; a contact id may, since the key is split at its first {@code /}.
 */
public record ContactKey(String tenantId, String contactId) {

  private static final char SEPARATOR = '/';

  public ContactKey {
    Require.text(tenantId, "tenantId");
    Require.text(contactId, "contactId");
    if (tenantId.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("tenantId must not contain '" + SEPARATOR + "'");
    }
  }

  /**
   * @throws UndecodableEventException when the key is not {@code <tenantId>/<contactId>}, such as a tombstone keyed by
   *     a bare contact id, which cannot say whose contact to delete
   */
  public static ContactKey parse(String key) {
    int at = key == null ? -1 : key.indexOf(SEPARATOR);
    if (at <= 0 || at == key.length() - 1) {
      throw new UndecodableEventException("contact key '" + key + "' is not <tenantId>/<contactId>");
    }
    return new ContactKey(key.substring(0, at), key.substring(at + 1));
  }

  public String value() {
    return tenantId + SEPARATOR + contactId;
  }

  @Override
  public String toString() {
    return value();
  }
}
