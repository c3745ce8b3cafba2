package com.emailsync.events;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The logical, versioned type name of each event on the wire, and back. */
public final class EventTypes {

  private static final Map<String, Class<? extends DomainEvent>> BY_TYPE =
      Map.of(
          ConnectionChanged.TYPE, ConnectionChanged.class,
          EmailReceived.TYPE, EmailReceived.class,
          EmailSent.TYPE, EmailSent.class,
          SyncStatusReported.TYPE, SyncStatusReported.class,
          FolderCursorAdvanced.TYPE, FolderCursorAdvanced.class,
          ContactChanged.TYPE, ContactChanged.class,
          ContactEmailLogged.TYPE, ContactEmailLogged.class,
          AutomationTriggered.TYPE, AutomationTriggered.class,
          MailRereadRequested.TYPE, MailRereadRequested.class);

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
    };
  }

  public static Set<String> all() {
    return BY_TYPE.keySet();
  }
}
