package com.emailsync.events;

/** How the IMAP connection is protected: implicit TLS, STARTTLS upgrade, or none (loopback and tests only). */
public enum ImapSecurity {
  SSL,
  STARTTLS,
  NONE
}
