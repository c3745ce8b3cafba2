package com.emailsync.connection.oauth.scheduling;

import com.emailsync.connection.oauth.OAuthConnections;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Every minute, renews the access tokens that expire within ten: the workers always hold one that works. */
public class AccessTokenRefresh {

  private static final Logger log = LoggerFactory.getLogger(AccessTokenRefresh.class);
  static final Duration AHEAD = Duration.ofMinutes(10);
  private static final int BATCH = 200;

  private final OAuthConnections oauth;

  public AccessTokenRefresh(OAuthConnections oauth) {
    this.oauth = oauth;
  }

  @Scheduled(fixedDelayString = "${emailsync.oauth.refresh-interval:1m}")
  public void refresh() {
    int renewed = oauth.refreshDue(AHEAD, BATCH);
    if (renewed > 0) {
      log.info("Renewed {} OAuth access token(s)", renewed);
    }
  }
}
