package com.emailsync.syncworker.sync.scheduling;

import com.emailsync.syncworker.sync.imap.AngusMailboxReader;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;

/** Logs out of the pass sessions no pass has used for a while, so idle logins do not pile up at the provider. */
public class SessionSweeper {

  private final AngusMailboxReader reader;
  private final Duration unused;

  public SessionSweeper(AngusMailboxReader reader, Duration unused) {
    this.reader = reader;
    this.unused = unused;
  }

  @Scheduled(fixedDelayString = "${emailsync.sync.session-sweep:1m}")
  public void sweep() {
    reader.closeUnusedFor(unused);
  }
}
