package com.emailsync.imap;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A folder of a mailbox, by its full name.
 *
 * @param specialUse the RFC 6154 attribute ({@code \Sent}, {@code \Archive}…), or null
 */
public record MailFolder(String name, @Nullable String specialUse) {

  public static final String INBOX = "INBOX";
  public static final String SENT = "\\Sent";

  public boolean isInbox() {
    return INBOX.equalsIgnoreCase(name);
  }

  public boolean isSent() {
    return SENT.equalsIgnoreCase(specialUse);
  }

  public Optional<String> specialUseAttribute() {
    return Optional.ofNullable(specialUse);
  }
}
