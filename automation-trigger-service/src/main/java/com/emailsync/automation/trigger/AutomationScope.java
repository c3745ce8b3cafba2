package com.emailsync.automation.trigger;

import java.util.List;

/**
 * Where the mail an automation fires on was synced: a team's shared mailbox, one salesperson's, a "Customers" folder.
 * Empty lists: every connection of the tenant (those connected later too), every folder.
 *
 * @param folders folder names as the mailbox shows them ({@code INBOX}, {@code Customers}); a mail logged from another
 *     folder's copy, or from before folders were recorded, is out of scope when folders are named
 */
public record AutomationScope(List<String> connectionIds, List<String> folders) {

  public static final AutomationScope EVERYWHERE = new AutomationScope(List.of(), List.of());

  public AutomationScope {
    connectionIds = connectionIds == null ? List.of() : List.copyOf(connectionIds);
    folders = folders == null ? List.of() : List.copyOf(folders);
  }

  boolean covers(String connectionId, @org.jspecify.annotations.Nullable String folder) {
    return (connectionIds.isEmpty() || connectionIds.contains(connectionId))
        // INBOX is case-insensitive in IMAP (RFC 3501 5.1); other names are as the server spells them.
        && (folders.isEmpty() || folder != null && folders.stream().anyMatch(f -> f.equals(folder) || f.equalsIgnoreCase("INBOX") && folder.equalsIgnoreCase("INBOX")));
  }
}
