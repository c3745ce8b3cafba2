package com.emailsync.events;

import java.util.List;

/**
 * What Gmail (IMAP extension X-GM-EXT-1) says of a message: ids that stay the same in every folder (label) it shows
 * in, and its labels when it was read.
 *
 * @param messageId X-GM-MSGID, the same in INBOX, All Mail and every label
 * @param threadId X-GM-THRID, Gmail's conversation
 * @param labels X-GM-LABELS: system labels as Gmail writes them ({@code \Inbox}, {@code \Sent}, {@code \Important}),
 *     user labels by name
 */
public record GmailIds(long messageId, long threadId, List<String> labels) {

  public GmailIds {
    labels = Require.list(labels);
  }

  /** Whether the message carries the label, compared as Gmail does: without regard to case. */
  public boolean hasLabel(String label) {
    return labels.stream().anyMatch(label::equalsIgnoreCase);
  }
}
