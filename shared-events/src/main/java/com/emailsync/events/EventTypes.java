package com.emailsync.events;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The logical, versioned type name of each event on the wire, and back. */
public final class EventTypes {

  private static final Map<String, Class<? extends DomainEvent>> BY_TYPE =
      Map.ofEntries(
          Map.entry(ConnectionChanged.TYPE, ConnectionChanged.class),
          Map.entry(EmailReceived.TYPE, EmailReceived.class),
          Map.entry(EmailSent.TYPE, EmailSent.class),
          Map.entry(SyncStatusReported.TYPE, SyncStatusReported.class),
          Map.entry(FolderCursorAdvanced.TYPE, FolderCursorAdvanced.class),
          Map.entry(ContactChanged.TYPE, ContactChanged.class),
          Map.entry(ContactEmailLogged.TYPE, ContactEmailLogged.class),
          Map.entry(AutomationTriggered.TYPE, AutomationTriggered.class),
          Map.entry(MailRereadRequested.TYPE, MailRereadRequested.class),
          Map.entry(ContactMerged.TYPE, ContactMerged.class),
          Map.entry(EntriesErased.TYPE, EntriesErased.class),
          Map.entry(ContactSuggested.TYPE, ContactSuggested.class),
          Map.entry(MessageSetAside.TYPE, MessageSetAside.class),
          Map.entry(SyncHeld.TYPE, SyncHeld.class),
          Map.entry(ConnectionNeedsReauth.TYPE, ConnectionNeedsReauth.class),
          Map.entry(ConnectionReauthDue.TYPE, ConnectionReauthDue.class));

  private EventTypes() {}

  public static Optional<Class<? extends DomainEvent>> classOf(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }

  public static String typeOf(DomainEvent event) {
    return switch (event) {
      case ConnectionChanged e -> ConnectionChanged.TYPE;
      case EmailReceived e -> EmailReceived.TYPE;
      case EmailSent e -> EmailSent.TYPE;
      case SyncStatusReported e -> SyncStatusReported.TYPE;
      case FolderCursorAdvanced e -> FolderCursorAdvanced.TYPE;
      case ContactChanged e -> ContactChanged.TYPE;
      case ContactEmailLogged e -> ContactEmailLogged.TYPE;
      case AutomationTriggered e -> AutomationTriggered.TYPE;
      case MailRereadRequested e -> MailRereadRequested.TYPE;
      case ContactMerged e -> ContactMerged.TYPE;
      case EntriesErased e -> EntriesErased.TYPE;
      case ContactSuggested e -> ContactSuggested.TYPE;
      case MessageSetAside e -> MessageSetAside.TYPE;
      case SyncHeld e -> SyncHeld.TYPE;
      case ConnectionNeedsReauth e -> ConnectionNeedsReauth.TYPE;
      case ConnectionReauthDue e -> ConnectionReauthDue.TYPE;
    };
  }

  public static Set<String> all() {
    return BY_TYPE.keySet();
  }
}
