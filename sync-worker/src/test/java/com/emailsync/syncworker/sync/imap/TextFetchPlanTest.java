package com.emailsync.syncworker.sync.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.syncworker.sync.imap.TextFetchPlan.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFetchPlanTest {

  private static final int KB = 1024;

  @Test
  void groupsMessagesThatAskForTheSameSectionsAndWindowsIntoOneFetch() {
    var plan = new TextFetchPlan(16 * KB * KB);

    assertThat(plan.add(1, List.of(new Request("1", 8 * KB), new Request("2", 16 * KB)))).isTrue();
    assertThat(plan.add(2, List.of(new Request("TEXT", 8 * KB)))).isTrue();
    assertThat(plan.add(3, List.of(new Request("1", 8 * KB), new Request("2", 16 * KB)))).isTrue();
    assertThat(plan.add(4, List.of())).as("a message without text asks for nothing").isTrue();

    assertThat(plan.takeFetches()).containsExactly(
        java.util.Map.entry(List.of(new Request("1", 8 * KB), new Request("2", 16 * KB)), List.of(1L, 3L)),
        java.util.Map.entry(List.of(new Request("TEXT", 8 * KB)), List.of(2L)));
    assertThat(plan.takeFetches()).as("each fetch is taken once").isEmpty();
    assertThat(plan.asked()).isEqualTo(56 * KB);
  }

  @Test
  void endsTheBatchWhereWhatItAsksForWouldExceedTheBudgetWhateverSizesTheServerStates() {
    // Windows are asked for by what the structure states, capped at the body limit's window: a server that states
    // huge sizes gets the largest window asked for each section, and the batch holds as many as the budget allows.
    int largestWindow = new MimeMailParser(100_000).sectionWindow();
    var plan = new TextFetchPlan(16L * KB * KB);
    int planned = 0;
    while (plan.add(planned + 1, List.of(new Request("1", largestWindow), new Request("2", largestWindow)))) {
      planned++;
    }

    assertThat(planned).isEqualTo((int) (16L * KB * KB / (2L * largestWindow)));
    assertThat(plan.asked()).isLessThanOrEqualTo(16L * KB * KB);
    assertThat(plan.add(99, List.of())).as("a message that asks for nothing still waits: the batch ends in order").isFalse();
  }

  @Test
  void theFirstMessageIsPlannedWhateverItAsksSoThatEveryBatchMovesOn() {
    var plan = new TextFetchPlan(KB);

    assertThat(plan.add(1, List.of(new Request("TEXT", 512 * KB)))).isTrue();
    assertThat(plan.add(2, List.of(new Request("TEXT", 8 * KB)))).isFalse();
  }
}
