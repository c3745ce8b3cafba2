package com.emailsync.syncworker.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.emailsync.events.EventMother;
import com.emailsync.events.SyncStatusReported;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A folder of batches of three messages each, whose downloads and parses the test can hold. */
class BatchPipelineTest {

  private final AtomicInteger downloads = new AtomicInteger();
  private final AtomicInteger taken = new AtomicInteger();
  private final AtomicInteger mostAhead = new AtomicInteger();
  private final CountDownLatch parsesMayEnd = new CountDownLatch(1);
  private volatile boolean holdParses;
  private volatile long failAfter = -1;

  @Test
  void givesTheBatchesInTheServersOrderUntilTheFolderEnds() throws Exception {
    try (var batches = BatchPipeline.readAfter(folder(12), 0, 3)) {
      assertThat(uids(take(batches))).containsExactly(1L, 2L, 3L);
      assertThat(uids(take(batches))).containsExactly(4L, 5L, 6L);
      assertThat(uids(take(batches))).containsExactly(7L, 8L, 9L);
      assertThat(uids(take(batches))).containsExactly(10L, 11L, 12L);
      assertThat(take(batches)).isEmpty();
    }
  }

  /** While a batch commits, the next ones are downloaded, two at most: a pass holds three batches, never the folder. */
  @Test
  void downloadsTwoBatchesAheadOfTheOneCommittingAndNoMore() throws Exception {
    try (var batches = BatchPipeline.readAfter(folder(30), 0, 3)) {
      take(batches);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(downloads.get()).as("the one taken and two ahead").isEqualTo(3));

      while (!take(batches).isEmpty()) {
        // Committing, as fast as the pipeline gives.
      }
    }
    assertThat(mostAhead.get()).isEqualTo(2);
  }

  @Test
  void aFailedDownloadComesInItsPlaceAfterTheBatchesBeforeIt() throws Exception {
    failAfter = 3;
    try (var batches = BatchPipeline.readAfter(folder(12), 0, 3)) {
      assertThat(uids(take(batches))).containsExactly(1L, 2L, 3L);
      assertThatThrownBy(batches::take).isInstanceOf(MailboxReadFailure.class).hasMessageContaining("went away");
    }
  }

  /** The folder is closed after the pipeline: closing must wait for a parse still running on the folder's messages. */
  @Test
  void closingWaitsForTheParsesStillRunning() {
    holdParses = true;
    var batches = BatchPipeline.readAfter(folder(12), 0, 3);
    await().atMost(Duration.ofSeconds(5)).until(() -> downloads.get() == 2);

    Thread closing = Thread.ofVirtual().start(batches::close);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(closing::isAlive);
    parsesMayEnd.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> !closing.isAlive());
    assertThat(downloads.get()).as("nothing downloaded once closing").isEqualTo(2);
  }

  /** Counted before it is taken: the pipeline may start the next download the moment it hands a batch over. */
  private List<Fetched> take(BatchPipeline batches) throws MailboxReadFailure {
    taken.incrementAndGet();
    return batches.take();
  }

  private static List<Long> uids(List<Fetched> batch) {
    return batch.stream().map(Fetched::uid).toList();
  }

  private MailboxReader.Folder folder(long messages) {
    return new MailboxReader.Folder() {
      @Override
      public MailboxReader.Downloaded downloadAfter(long uid, int limit) throws MailboxReadFailure {
        mostAhead.accumulateAndGet(downloads.incrementAndGet() - taken.get(), Math::max);
        if (uid == failAfter) {
          throw new MailboxReadFailure(SyncStatusReported.Status.CONNECTION_FAILED, "the server went away");
        }
        List<Fetched> batch = LongStream.rangeClosed(uid + 1, Math.min(messages, uid + limit))
            .<Fetched>mapToObj(u -> new FetchedMail(u, Instant.EPOCH, EventMother.mailFromContact()))
            .toList();
        return new MailboxReader.Downloaded(batch.size(), batch.isEmpty() ? uid : batch.getLast().uid(), () -> {
          if (holdParses) {
            try {
              parsesMayEnd.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return batch;
        });
      }

      @Override
      public List<Fetched> fetchAfter(long uid, int limit) {
        throw new UnsupportedOperationException("the pipeline downloads");
      }

      @Override
      public long uidValidity() {
        return 1;
      }

      @Override
      public boolean isSent() {
        return false;
      }

      @Override
      public long lastUidBefore(Instant instant) {
        return 0;
      }

      @Override
      public OptionalLong uidOf(String messageId) {
        return OptionalLong.empty();
      }

      @Override
      public List<Long> uidsBetween(long first, long last) {
        return List.of();
      }

      @Override
      public List<Fetched> fetchUids(Collection<Long> uids) {
        return List.of();
      }

      @Override
      public void close() {}
    };
  }
}
