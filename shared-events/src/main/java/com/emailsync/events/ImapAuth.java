package com.emailsync.events;

/** How a mailbox is logged in to, and so what its sealed credential is. */
public enum ImapAuth {
  /** IMAP LOGIN with the mailbox's password or an app password. */
  PASSWORD,
  /** SASL XOAUTH2 with an OAuth access token (Gmail, Microsoft 365); refreshed by connection-service before it expires. */
  XOAUTH2
}
