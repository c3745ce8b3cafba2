package com.emailsync.contacthistory.settings;

/** How much of a logged mail the CRM keeps and shows: applied when an entry is stored, and again when it is served. */
public enum Visibility {
  /** Who, when, which direction: no subject, no text, no attachment names. */
  METADATA,
  /** Also the subject and a short snippet, never the whole message. */
  SUMMARY,
  /** The whole message, bodies included. */
  FULL;

  public boolean shows(Visibility level) {
    return compareTo(level) >= 0;
  }
}
