package com.emailsync.events;

import org.jspecify.annotations.Nullable;

/**
 * Why a mail event was published. Only mail seen as it arrives is news: history is logged for every origin, but
 * automations fire only on {@link #LIVE} mail, so catching up on old mail (or backfilling it) never starts a follow-up
 * sequence.
 */
public enum MailOrigin {
  /** Found by the sync as it arrived in a synced folder. */
  LIVE,
  /**
   * On a mail event: read again by UID for a contact that appeared, or gained an address, after the mail was synced.
   * On {@link ContactEmailLogged}: such mail that was also sent before the contact had that address in the CRM (mail
   * sent after it is logged as {@link #LIVE}: the directory merely learned of the contact late).
   */
  CATCH_UP,
  /**
   * Mail that was already in a folder before the folder was selected for sync, read because the connection asked for a
   * backfill window (its last days, or all of it). It is history, never news: logged, but no automation fires on it.
   */
  BACKFILL;

  /** Absent on the wire (a v1 event from before the field existed) means live. */
  static MailOrigin orLive(@Nullable MailOrigin origin) {
    return origin == null ? LIVE : origin;
  }
}
