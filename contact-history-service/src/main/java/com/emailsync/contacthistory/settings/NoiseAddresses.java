package com.emailsync.contacthistory.settings;

import com.emailsync.contacthistory.contacts.Addresses;
import java.util.Set;

/** Addresses that are not people a CRM user corresponds with, or not business ones. */
public final class NoiseAddresses {

  /** Machine senders: their mail answers nobody. Shared mailboxes such as info@ or sales@ may well be contacts. */
  private static final Set<String> ROLE_LOCAL_PARTS =
      Set.of(
          "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "mailer-daemon", "postmaster",
          "bounce", "bounces", "notification", "notifications");

  private static final Set<String> PERSONAL_WEBMAIL =
      Set.of(
          "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "hotmail.com", "hotmail.co.uk",
          "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "gmx.de", "gmx.net",
          "gmx.com", "web.de", "mail.com", "proton.me", "protonmail.com", "yandex.ru", "mail.ru", "zoho.com");

  private NoiseAddresses() {}

  public static boolean isRole(String exactAddress) {
    String local = exactAddress.substring(0, Math.max(0, exactAddress.lastIndexOf('@')));
    int tag = local.indexOf('+');
    return ROLE_LOCAL_PARTS.contains(tag > 0 ? local.substring(0, tag) : local);
  }

  public static boolean isPersonalWebmail(String exactAddress) {
    return PERSONAL_WEBMAIL.contains(Addresses.domainOf(exactAddress));
  }
}
