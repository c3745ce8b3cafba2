package com.emailsync.syncworker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeenUidsTest {

  @Test
  void uidsReadInOrderStayOneRangeAndAGapIsNeverJoinedIn() {
    SeenUids seen = SeenUids.NONE.plus(List.of(5L, 6L, 7L)).plus(List.of(8L, 9L)).plus(List.of(11L));

    assertThat(seen.toString()).isEqualTo("[5:9, 11]");
    assertThat(seen.first()).isEqualTo(5);
    assertThat(seen.contains(10)).as("not in the folder when read: may show up late").isFalse();
    assertThat(seen.contains(9)).isTrue();
    assertThat(seen.contains(4)).isFalse();
    assertThat(seen.plus(List.of(10L))).isEqualTo(SeenUids.NONE.plus(List.of(5L, 6L, 7L, 8L, 9L, 10L, 11L)));
  }

  @Test
  void aCursorOfAnOlderWorkerCoversEverythingUpToItsLastUid() {
    var older = new FolderCursor("conn-1", "INBOX", 7, 40, 0, null, null, null);

    assertThat(older.covered().toString()).isEqualTo("[1:40]");
    assertThat(new FolderCursor("conn-1", "INBOX", 7, 0, 0, null, null, null).covered().isEmpty()).isTrue();
  }
}
