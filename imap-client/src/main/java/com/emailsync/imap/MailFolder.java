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

  /**
   * The name a Gmail user knows the folder by: its label, without the {@code [Gmail]/} (or {@code [Google Mail]/})
   * prefix of the system folders ("Sent Mail", "Starred"); elsewhere the folder's name.
   */
  public String displayName(boolean gmail) {
    if (gmail) {
      for (String prefix : new String[] {"[Gmail]/", "[Google Mail]/"}) {
        if (name.startsWith(prefix) && name.length() > prefix.length()) {
          return name.substring(prefix.length());
        }
      }
    }
    return name;
  }

  public Optional<String> specialUseAttribute() {
    return Optional.ofNullable(specialUse);
  }

  /**
   * The Gmail label this folder shows, as X-GM-LABELS names it: system labels for INBOX and the special-use folders,
   * the folder's own name for a user label; none for All Mail, Spam and Trash, which are no labels.
   */
  public Optional<String> gmailLabel() {
    if (isInbox()) {
      return Optional.of("\\Inbox");
    }
    if (specialUse == null) {
      return Optional.of(name);
    }
    return switch (specialUse.toLowerCase(java.util.Locale.ROOT)) {
      case "\\sent" -> Optional.of("\\Sent");
      case "\\flagged" -> Optional.of("\\Starred");
      case "\\important" -> Optional.of("\\Important");
      case "\\drafts" -> Optional.of("\\Draft");
      case "\\archive" -> Optional.of(name);
      default -> Optional.empty();
    };
  }
}
