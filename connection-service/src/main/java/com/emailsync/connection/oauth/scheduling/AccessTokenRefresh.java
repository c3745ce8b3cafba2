package com.emailsync.connection.oauth.scheduling;

import com.emailsync.connection.oauth.OAuthConnections;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps OAuth grants alive: every minute, renews the access tokens that expire within ten, so the workers always hold
 * one that works; every hour, announces the re-consents providers will ask for soon, so owners sign in again in time.
 */
public class AccessTokenRefresh {

  private static final Logger log = LoggerFactory.getLogger(AccessTokenRefresh.class);
  static final Duration AHEAD = Duration.ofMinutes(10);
  private static final int BATCH = 200;

  private final OAuthConnections oauth;
  private final Duration announceReauthAhead;

  public AccessTokenRefresh(OAuthConnections oauth, Duration announceReauthAhead) {
    this.oauth = oauth;
    this.announceReauthAhead = announceReauthAhead;
  }

  @Scheduled(fixedDelayString = "${emailsync.oauth.refresh-interval:1m}")
  public void refresh() {
    int renewed = oauth.refreshDue(AHEAD, BATCH);
    if (renewed > 0) {
      log.info("Renewed {} OAuth access token(s)", renewed);
    }
  }

  @Scheduled(fixedDelayString = "${emailsync.oauth.reauth-check-interval:1h}")
  public void announceReauth() {
    int announced = oauth.announceReauthDue(announceReauthAhead, BATCH);
    if (announced > 0) {
      log.info("Announced {} coming OAuth re-consent(s) to the CRM", announced);
    }
  }
}
