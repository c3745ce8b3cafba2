package com.emailsync.connection.mailbox.scheduling;

import com.emailsync.connection.mailbox.MailboxConnections;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Now and then, publishes connection changes that were stored but never acknowledged by the broker. */
public class PendingPublicationRetry {

  private static final Logger log = LoggerFactory.getLogger(PendingPublicationRetry.class);
  private static final int BATCH = 500;

  private final MailboxConnections connections;
  private final Duration grace;

  /** @param grace how old a change must be before it counts as missed rather than still being published */
  public PendingPublicationRetry(MailboxConnections connections, Duration grace) {
    this.connections = connections;
    this.grace = grace;
  }

  @Scheduled(fixedDelayString = "${emailsync.republish-interval:30s}")
  public void retry() {
    int published;
    do {
      published = connections.republishPending(grace, BATCH);
      if (published > 0) {
        log.info("Published {} connection change(s) the event broker had missed", published);
      }
    } while (published == BATCH);
  }
}
