package com.emailsync.events;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the worker read from a mail's headers besides its participants: where it sits in a thread, and whether a
 * machine rather than a person sent it. Absent on the wire (an event from before the field) means nothing was read.
 *
 * @param inReplyTo the Message-ID it answers, without angle brackets
 * @param references the thread's Message-IDs, oldest first, without angle brackets
 * @param autoSubmitted the {@code Auto-Submitted} value (RFC 3834), lower-cased
 * @param precedence the {@code Precedence} value, lower-cased
 * @param listId the {@code List-Id} of a mailing list (RFC 2919)
 * @param listUnsubscribe whether it has {@code List-Unsubscribe}: bulk mail
 * @param autoReplyHeader whether it has {@code X-Autoreply} or {@code X-Autorespond}
 * @param deliveryReport whether it is a {@code multipart/report} (bounce, read receipt)
 * @param automation the {@code X-Emailsync-Automation} value: the CRM marks the mail its automations send with it (the
 *     automation's id), so that such mail never fires an automation in turn (two automations answering each other)
 */
public record MailHeaders(
    @Nullable String inReplyTo,
    List<String> references,
    @Nullable String autoSubmitted,
    @Nullable String precedence,
    @Nullable String listId,
    boolean listUnsubscribe,
    boolean autoReplyHeader,
    boolean deliveryReport,
    @Nullable String automation) {

  public static final MailHeaders NONE = new MailHeaders(null, List.of(), null, null, null, false, false, false, null);

  /** The header the CRM's mailer puts on mail an automation sends, with the automation's id. */
  public static final String AUTOMATION_HEADER = "X-Emailsync-Automation";

  /** Headers of mail no automation sent. */
  public MailHeaders(
      @Nullable String inReplyTo, List<String> references, @Nullable String autoSubmitted, @Nullable String precedence, @Nullable String listId,
      boolean listUnsubscribe, boolean autoReplyHeader, boolean deliveryReport) {
    this(inReplyTo, references, autoSubmitted, precedence, listId, listUnsubscribe, autoReplyHeader, deliveryReport, null);
  }

  /** Sent by one of the CRM's automations. */
  public boolean sentByAutomation() {
    return automation != null;
  }

  private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list");

  public MailHeaders {
    references = Require.list(references);
    autoSubmitted = lower(autoSubmitted);
    precedence = lower(precedence);
  }

  /** Sent by a machine answering a person: out-of-office, auto-responders, bounces and receipts. */
  public boolean autoReply() {
    return (autoSubmitted != null && !autoSubmitted.equals("no"))
        || "auto_reply".equals(precedence)
        || autoReplyHeader
        || deliveryReport;
  }

  /** Sent to many: mailing lists, newsletters, bulk campaigns. */
  public boolean bulk() {
    return (precedence != null && BULK_PRECEDENCE.contains(precedence)) || listId != null || listUnsubscribe;
  }

  /**
   * The thread this mail belongs to, as a key every mail of it shares: the first Message-ID of its references, or the
   * one it answers, or its own when it starts the thread.
   */
  public String threadKey(String messageId) {
    if (!references.isEmpty()) {
      return references.getFirst();
    }
    return inReplyTo != null ? inReplyTo : messageId;
  }

  private static @Nullable String lower(@Nullable String value) {
    return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
  }
}
