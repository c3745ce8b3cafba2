package com.emailsync.events;

import java.time.Duration;
import java.util.List;

/**
 * Every topic of Email Sync, its key, whether it is compacted, and who creates it: one place to read the wiring. The
 * platform (Strimzi's {@code KafkaTopic} resources in {@code k8s/}, the topic init of {@code docker-compose.yml}, the
 * local stack) creates them all; a service run on its own creates only what {@link #CATALOG} says it owns.
 */
public final class Topics {

  /** Services and the CRM as {@link #CATALOG} names them: each service's {@code spring.application.name}. */
  public static final String CONNECTION_SERVICE = "connection-service";

  public static final String SYNC_WORKER = "sync-worker";
  public static final String CONTACT_HISTORY = "contact-history-service";
  public static final String AUTOMATION_TRIGGER = "automation-trigger-service";

  /** The CRM around Email Sync, owner of the {@code crm.*} topics: no service of ours creates them. */
  public static final String CRM = "crm";

  /** Key connectionId; compacted: the latest {@link ConnectionChanged}, or a tombstone once deleted. */
  public static final String CONNECTIONS = "emailsync.connections.v1";

  /** Key connectionId, so one mailbox's mail stays in order: {@link EmailReceived}, {@link EmailSent}. */
  public static final String MESSAGES = "emailsync.messages.v1";

  /**
   * Key connectionId: {@link SyncStatusReported} from the sync worker; {@link ConnectionNeedsReauth} and {@link
   * ConnectionReauthDue} from connection-service, for the CRM.
   */
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

  /**
   * A topic, the one who creates it, and the services whose listeners dead-letter what they cannot process into its
   * {@link #deadLetter} twin (each creates that twin).
   */
  public record Topic(String name, String owner, List<String> deadLetteredBy) {
    public boolean compacted() {
      return COMPACTED.contains(name);
    }
  }

  public static final List<Topic> CATALOG =
      List.of(
          new Topic(CONNECTIONS, CONNECTION_SERVICE, List.of(SYNC_WORKER, CONTACT_HISTORY)),
          // The worker sets unreadable mail aside on the messages' dead-letter topic itself (MESSAGES_SET_ASIDE).
          new Topic(MESSAGES, SYNC_WORKER, List.of(SYNC_WORKER, CONTACT_HISTORY)),
          new Topic(SYNC_STATUS, SYNC_WORKER, List.of(CONNECTION_SERVICE)),
          // Read back only by the worker's own restore, which has no listener to dead-letter from.
          new Topic(SYNC_CURSORS, SYNC_WORKER, List.of()),
          new Topic(CONTACTS, CRM, List.of(CONTACT_HISTORY, AUTOMATION_TRIGGER)),
          new Topic(CONTACT_ACTIVITY, CONTACT_HISTORY, List.of(AUTOMATION_TRIGGER)),
          // Written by automation-trigger-service into the CRM's topic, and read back by it to queue webhooks.
          new Topic(AUTOMATION_TRIGGERS, CRM, List.of(AUTOMATION_TRIGGER)),
          new Topic(MAIL_REREADS, CONTACT_HISTORY, List.of(SYNC_WORKER)),
          new Topic(CONTACT_SUGGESTIONS, CONTACT_HISTORY, List.of()));

  /** The dead-letter topics something writes into: those of {@link #CATALOG}'s topics that someone dead-letters. */
  public static final List<String> DEAD_LETTERS =
      CATALOG.stream().filter(topic -> !topic.deadLetteredBy().isEmpty()).map(topic -> deadLetter(topic.name())).toList();

  /** Dead letters wait for an operator's fix and a replay: kept 30 days, well beyond the events' own 7 (Kafka's default). */
  public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

  private Topics() {}

  /** Where a record that cannot be processed goes, with the reason in its headers. */
  public static String deadLetter(String topic) {
    return topic + "-dlt";
  }
}
