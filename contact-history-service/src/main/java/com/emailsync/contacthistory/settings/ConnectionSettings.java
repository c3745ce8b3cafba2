package com.emailsync.contacthistory.settings;

import org.jspecify.annotations.Nullable;

/**
 * A connection's own privacy and noise settings, where they differ from its tenant's: a shared support mailbox logged
 * as metadata only, a founder's mailbox that keeps personal webmail out. Each null setting is the tenant's.
 */
public record ConnectionSettings(
    @Nullable Visibility visibility,
    @Nullable Boolean excludeRoleAddresses,
    @Nullable Boolean excludePersonalWebmail,
    @Nullable SuggestionPolicy suggestions) {

  public static ConnectionSettings visibility(Visibility visibility) {
    return new ConnectionSettings(visibility, null, null, null);
  }

  boolean overridesNothing() {
    return visibility == null && excludeRoleAddresses == null && excludePersonalWebmail == null && suggestions == null;
  }
}
