package com.emailsync.syncworker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.events.GmailIds;
import java.util.List;
import org.junit.jupiter.api.Test;

class GmailCopiesTest {

  private final GmailCopies copies = new GmailCopies();
  private final List<String> selected = List.of("\\Inbox", "Customers");

  @Test
  void aCopyIsPassedOverOnlyOnceItsMessageWasCommittedFromAnotherFolder() {
    var quote = new GmailIds(1, 1, List.of("\\Inbox", "customers"));

    assertThat(copies.publishedAlready("conn-1", quote)).as("nothing committed yet").isFalse();
    copies.committed("conn-1", List.of(quote), selected);

    assertThat(copies.publishedAlready("conn-1", quote)).isTrue();
    assertThat(copies.publishedAlready("conn-2", quote)).as("another connection's mailbox").isFalse();
  }

  @Test
  void mailShownInOnlyOneSelectedFolderIsNotRemembered() {
    var filed = new GmailIds(2, 2, List.of("Customers", "\\Important"));
    copies.committed("conn-1", List.of(filed), selected);

    assertThat(copies.publishedAlready("conn-1", filed)).isFalse();
  }

  @Test
  void mailFromAnotherServerIsNeverPassedOver() {
    assertThat(copies.publishedAlready("conn-1", null)).isFalse();
  }

  @Test
  void aConnectionThatLeftTheWorkerIsForgotten() {
    var quote = new GmailIds(3, 3, List.of("\\Inbox", "Customers"));
    copies.committed("conn-1", List.of(quote), selected);

    copies.forget("conn-1");

    assertThat(copies.publishedAlready("conn-1", quote)).isFalse();
  }
}
