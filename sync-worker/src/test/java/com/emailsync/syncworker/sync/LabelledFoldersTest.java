package com.emailsync.syncworker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.GmailIds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelledFoldersTest {

  private final LabelledFolders gmail = LabelledFolders.of(
      List.of("[Gmail]/All Mail", "Customers", "INBOX"),
      Map.of("Customers", "Customers", "INBOX", "\\Inbox"));

  @Test
  void theFirstSelectedFolderWithOneOfItsLabelsPublishesAMessage() {
    var both = new GmailIds(1, 1, List.of("\\Inbox", "customers"));

    assertThat(gmail.publishedFromAnother("Customers", both)).isFalse();
    assertThat(gmail.publishedFromAnother("INBOX", both)).as("Customers comes first and carries it, whatever the case").isTrue();
    assertThat(gmail.publishedFromAnother("[Gmail]/All Mail", both)).as("All Mail, without a label, comes last").isTrue();
  }

  @Test
  void allMailPublishesWhatNoOtherSelectedFolderShows() {
    var archived = new GmailIds(2, 2, List.of("\\Important"));

    assertThat(gmail.publishedFromAnother("[Gmail]/All Mail", archived)).isFalse();
    assertThat(gmail.publishedFromAnother("INBOX", new GmailIds(3, 3, List.of("\\Inbox")))).isFalse();
  }

  @Test
  void mailFromAnotherServerIsPublishedFromEveryFolder() {
    assertThat(LabelledFolders.of(List.of("INBOX", "Customers"), Map.of()).publishedFromAnother("Customers", new GmailIds(1, 1, List.of("\\Inbox"))))
        .isFalse();
    assertThat(gmail.publishedFromAnother("INBOX", null)).isFalse();
  }
}
