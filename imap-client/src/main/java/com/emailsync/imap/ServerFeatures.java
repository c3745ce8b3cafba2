package com.emailsync.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * What a logged-in server offers that decides how its folders sync.
 *
 * @param notifies RFC 5465 NOTIFY: one session hears of new mail in every selected folder at once
 * @param gmail Gmail's X-GM-EXT-1: its folders are labels
 */
public record ServerFeatures(boolean notifies, boolean gmail) {

  public static ServerFeatures of(Store store) throws MessagingException {
    if (store instanceof IMAPStore imap) {
      return new ServerFeatures(imap.hasCapability("NOTIFY"), imap.hasCapability(GmailAwareImapStore.GMAIL_EXTENSION));
    }
    return new ServerFeatures(false, false);
  }
}
