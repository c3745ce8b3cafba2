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
  void farBelowTheCursorTheRangesOfASparseFolderBecomeOneSoTheCursorStaysSmall() {
    List<Long> sparse = new java.util.ArrayList<>();
    for (long uid = 1; uid <= 200_000; uid += 2) {
      sparse.add(uid);
    }
    SeenUids seen = SeenUids.NONE.plus(sparse);
    assertThat(seen.ranges()).hasSize(100_000);

    SeenUids joined = seen.joinedBelow(199_999 - 2_000);

    assertThat(joined.ranges()).as("one range below, and each UID of the last 2,000 still on its own").hasSize(1 + 1_001);
    assertThat(joined.first()).isEqualTo(1);
    assertThat(joined.contains(1_000)).as("a gap far below: taken as read").isTrue();
    assertThat(joined.contains(199_998)).as("a gap near the cursor: still told apart").isFalse();
    assertThat(joined.contains(199_999)).isTrue();
    assertThat(SeenUids.NONE.plus(List.of(5L, 7L)).joinedBelow(6)).as("one range below: nothing to join").isEqualTo(SeenUids.NONE.plus(List.of(5L, 7L)));
  }

  @Test
  void aCursorOfAnOlderWorkerCoversEverythingUpToItsLastUid() {
    var older = new FolderCursor("conn-1", "INBOX", 7, 40, 0, null, null, null);

    assertThat(older.covered().toString()).isEqualTo("[1:40]");
    assertThat(new FolderCursor("conn-1", "INBOX", 7, 0, 0, null, null, null).covered().isEmpty()).isTrue();
  }
}
