package com.emailsync.contacthistory.catchup.mongo;

import com.emailsync.events.MailboxLocation;
import org.bson.Document;

/** Where a mail sits (folder, UIDVALIDITY, UID), as the fields of the documents that point to it. */
final class LocationFields {

  private LocationFields() {}

  static Document append(Document document, MailboxLocation location) {
    return document.append("folder", location.folder()).append("uidValidity", location.uidValidity()).append("uid", location.uid());
  }

  static MailboxLocation read(Document d) {
    return new MailboxLocation(d.getString("folder"), d.get("uidValidity", Number.class).longValue(), d.get("uid", Number.class).longValue());
  }
}
