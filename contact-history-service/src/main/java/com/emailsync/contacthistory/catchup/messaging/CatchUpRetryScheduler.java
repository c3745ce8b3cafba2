package com.emailsync.contacthistory.catchup.messaging;

import com.emailsync.contacthistory.catchup.ContactCatchUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Asks again for re-reads that did not arrive (a worker was starting, or the connection was changing hands). */
public class CatchUpRetryScheduler {

  private static final Logger log = LoggerFactory.getLogger(CatchUpRetryScheduler.class);
  private static final int BATCH = 500;

  private final ContactCatchUp catchUp;

  public CatchUpRetryScheduler(ContactCatchUp catchUp) {
    this.catchUp = catchUp;
  }

  @Scheduled(fixedDelayString = "${emailsync.catch-up.retry-check:30s}")
  void retryOverdue() {
    try {
      catchUp.retryOverdue(BATCH);
    } catch (RuntimeException e) {
      // MongoDB or Kafka away: the pending requests stay stored and are tried on the next round.
      log.warn("Could not retry overdue catch-ups: {}", e.toString());
    }
  }
}
