package com.emailsync.events;

import java.util.List;

/** Every topic of Email Sync, its key, and whether it is compacted: one place to read the wiring. */
public final class Topics {

  /** Key connectionId; compacted: the latest {@link ConnectionChanged}, or a tombstone once deleted. */
  public static final String CONNECTIONS = "emailsync.connections.v1";

  /** Key connectionId, so one mailbox's mail stays in order: {@link EmailReceived}, {@link EmailSent}. */
  public static final String MESSAGES = "emailsync.messages.v1";

  /** Key connectionId: {@link SyncStatusReported}. */
  public static final String SYNC_STATUS = "emailsync.sync-status.v1";

  /**
   * The sync workers' own state, compacted: {@link FolderCursorAdvanced} under connectionId/folder, written with the mail
   * it covers, and {@link SyncHeld} under connectionId/#held.
   */
  public static final String SYNC_CURSORS = "emailsync.sync-cursors.v1";

  /**
   * Key {@code <tenantId>/<contactId>} ({@link ContactKey}); compacted; input from the CRM's contact service: {@link
   * ContactChanged}, {@link ContactMerged} (under the merged contact's key), or a tombstone under the same key.
   */
  public static final String CONTACTS = "crm.contacts.v1";

  /** Key {@code <tenantId>/<contactId>}: {@link ContactEmailLogged}, {@link EntriesErased}. */
  public static final String CONTACT_ACTIVITY = "emailsync.contact-activity.v1";

  /** Key {@code <tenantId>/<contactId>}: {@link AutomationTriggered}. */
  public static final String AUTOMATION_TRIGGERS = "crm.automation-triggers.v1";

  /**
   * Key connectionId: {@link MailRereadRequested}, from contact-history-service to whichever sync worker owns the
   * connection. Every worker reads all of it and acts on its own connections; a request that met no owner (a worker
   * starting) is asked again until the mail is logged.
   */
  public static final String MAIL_REREADS = "emailsync.mail-rereads.v1";

  /** Key {@code <tenantId>/<address>}: {@link ContactSuggested}, for the CRM to decide on. */
  public static final String CONTACT_SUGGESTIONS = "emailsync.contact-suggestions.v1";

  /**
   * Key connectionId: {@link MessageSetAside}, a message the sync worker could not turn into an event; also where
   * consumers of {@link #MESSAGES} dead-letter the mail events they cannot process (see {@link #deadLetter}).
   */
  public static final String MESSAGES_SET_ASIDE = deadLetter(MESSAGES);

  public static final List<String> ALL =
      List.of(
          CONNECTIONS, MESSAGES, SYNC_STATUS, SYNC_CURSORS, CONTACTS, CONTACT_ACTIVITY, AUTOMATION_TRIGGERS, MAIL_REREADS,
          CONTACT_SUGGESTIONS);

  public static final List<String> COMPACTED = List.of(CONNECTIONS, SYNC_CURSORS, CONTACTS);

  private Topics() {}

  /** Where a record that cannot be processed goes, with the reason in its headers. */
  public static String deadLetter(String topic) {
    return topic + "-dlt";
  }
}
