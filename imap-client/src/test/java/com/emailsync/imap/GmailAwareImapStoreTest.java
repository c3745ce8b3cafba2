package com.emailsync.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.angus.mail.iap.ParsingException;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.FetchItem;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GmailAwareImapStoreTest {

  @Test
  @Timeout(5)
  void readsGmailsIdsAndLabelsWhetherSystemLabelsAreQuotedOrNot() throws Exception {
    var answer = fetch("* 1 FETCH (X-GM-MSGID 1278455344230334865 X-GM-THRID 1266894439832287888 "
        + "X-GM-LABELS (\\Inbox \"\\\\Sent\" Important \"Muy Importante\") UID 42)");

    assertThat(answer.getExtensionItems())
        .containsEntry(GmailAwareImapStore.MESSAGE_ID, 1278455344230334865L)
        .containsEntry(GmailAwareImapStore.THREAD_ID, 1266894439832287888L)
        .containsEntry(GmailAwareImapStore.LABELS, java.util.List.of("\\Inbox", "\\Sent", "Important", "Muy Importante"));
    assertThat(answer.getItem(UID.class).uid).as("the items after the labels still read").isEqualTo(42);
  }

  @Test
  @Timeout(5)
  void aLabelListItCannotReadFailsTheAnswerInsteadOfLoopingForever() {
    assertThatThrownBy(() -> fetch("* 1 FETCH (X-GM-LABELS (\\Inbox (nested)) UID 42)")).isInstanceOf(ParsingException.class);
  }

  @Test
  void anEmptyLabelListIsNoLabels() throws Exception {
    assertThat(fetch("* 1 FETCH (X-GM-LABELS () UID 7)").getExtensionItems()).containsEntry(GmailAwareImapStore.LABELS, java.util.List.of());
  }

  /** The answer as the store's protocol reads it off the wire. */
  private static FetchResponse fetch(String line) throws Exception {
    var wire = new java.io.ByteArrayInputStream((line + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    var protocol = new IMAPProtocol(wire, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new java.util.Properties(), false) {
      @Override
      public FetchItem[] getFetchItems() {
        return GmailAwareImapStore.gmailItems();
      }
    };
    return (FetchResponse) protocol.readResponse();
  }


  @Test
  void showsGmailsSystemFoldersByTheirLabelsAndOtherServersFoldersByTheirNames() {
    assertThat(new MailFolder("[Gmail]/Sent Mail", "\\Sent").displayName(true)).isEqualTo("Sent Mail");
    assertThat(new MailFolder("[Google Mail]/Starred", "\\Flagged").displayName(true)).isEqualTo("Starred");
    assertThat(new MailFolder("Customers/Acme", null).displayName(true)).isEqualTo("Customers/Acme");
    assertThat(new MailFolder("[Gmail]/Sent Mail", "\\Sent").displayName(false)).isEqualTo("[Gmail]/Sent Mail");
  }
}
