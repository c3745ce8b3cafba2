package com.emailsync.contacthistory.history.messaging;

import com.emailsync.contacthistory.history.HistoryErasure;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Erases entries older than their tenant's retention period, every {@code emailsync.retention-check}, and sends again
 * the erasure announcements left unpublished.
 */
public class RetentionScheduler {

  private static final Logger log = LoggerFactory.getLogger(RetentionScheduler.class);

  private final HistoryErasure erasure;

  public RetentionScheduler(HistoryErasure erasure) {
    this.erasure = erasure;
  }

  /** Erasure announcements a broker outage or a rolled-back transaction left unpublished go out again. */
  @Scheduled(fixedDelayString = "${emailsync.erasure-announcement-check:1m}")
  void announceLeftovers() {
    try {
      erasure.announceLeftovers(Duration.ofMinutes(1), 500);
    } catch (RuntimeException e) {
      log.warn("Could not publish leftover erasure announcements: {}", e.toString());
    }
  }

  @Scheduled(fixedDelayString = "${emailsync.retention-check:1h}", initialDelayString = "${emailsync.retention-check:1h}")
  void apply() {
    try {
      int erased = erasure.applyRetention();
      if (erased > 0) {
        log.info("Erased {} history entries past their tenant's retention period", erased);
      }
    } catch (RuntimeException e) {
      // MongoDB or Kafka away: the old entries are still there next round.
      log.warn("Could not apply retention: {}", e.toString());
    }
  }
}
