package com.emailsync.connection.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FolderSyncTest {

  @Test
  void inboxIsRealTimeEverywhereAndOtherFoldersWhereTheServerNotifies() {
    assertThat(FolderSync.of("INBOX", null, false)).isEqualTo(FolderSync.REAL_TIME);
    assertThat(FolderSync.of("Sent", "\\Sent", false)).isEqualTo(FolderSync.CHECKED);
    assertThat(FolderSync.of("Sent", "\\Sent", true)).isEqualTo(FolderSync.REAL_TIME);
    assertThat(FolderSync.of("Customers", null, false)).isEqualTo(FolderSync.CHECKED);
    assertThat(FolderSync.of("Archive", "\\Archive", true)).isEqualTo(FolderSync.REAL_TIME);
  }

  @Test
  void junkTrashDraftsAndAllMailAreNotRecommendedWhateverTheServer() {
    for (String specialUse : new String[] {"\\Junk", "\\Trash", "\\Drafts", "\\All", "\\junk"}) {
      assertThat(FolderSync.of("x", specialUse, true)).as(specialUse).isEqualTo(FolderSync.NOT_RECOMMENDED);
    }
  }
}
