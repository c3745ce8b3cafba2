package com.emailsync.syncworker.sync.imap;

import com.emailsync.imap.HostManners;
import java.util.function.IntSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * What the worker's IMAP side looks like: mailboxes owned, logins kept, mailboxes watched, and the mail servers left
 * alone because their logins kept failing. Always UP: a mail server that is down is that server's outage, which neither
 * a restart nor taking this worker out of service would mend (each connection's sync status names it to its user);
 * this check is where an operator sees it across connections.
 */
public final class ImapHealthIndicator implements HealthIndicator {

  private final HostManners manners;
  private final IntSupplier connectionsOwned;
  private final IntSupplier sessionsKept;
  private final IntSupplier mailboxesWatched;

  public ImapHealthIndicator(HostManners manners, IntSupplier connectionsOwned, IntSupplier sessionsKept, IntSupplier mailboxesWatched) {
    this.manners = manners;
    this.connectionsOwned = connectionsOwned;
    this.sessionsKept = sessionsKept;
    this.mailboxesWatched = mailboxesWatched;
  }

  @Override
  public Health health() {
    return Health.up()
        .withDetail("connectionsOwned", connectionsOwned.getAsInt())
        .withDetail("sessionsKept", sessionsKept.getAsInt())
        .withDetail("mailboxesWatched", mailboxesWatched.getAsInt())
        .withDetail("hostsLeftAlone", manners.hostsLeftAlone())
        .build();
  }
}
