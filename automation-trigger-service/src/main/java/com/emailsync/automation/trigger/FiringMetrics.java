package com.emailsync.automation.trigger;

import java.time.Duration;

/** Port: what the firing counts, for dashboards and alerts. */
public interface FiringMetrics {

  FiringMetrics NONE = new FiringMetrics() {
    @Override
    public void fired(Duration sinceLogged) {}

    @Override
    public void skipped(SkipReason reason) {}
  };

  /** @param sinceLogged from the contact-history entry's event to the firing: the trigger's own share of the latency */
  void fired(Duration sinceLogged);

  void skipped(SkipReason reason);
}
