package com.emailsync.automation.trigger.metrics;

import com.emailsync.automation.trigger.FiringMetrics;
import com.emailsync.automation.trigger.SkipReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code emailsync.automation.fired} (count), {@code emailsync.automation.skipped{reason}} and
 * {@code emailsync.automation.fire.lag}: from the history entry's event to its firing.
 */
public final class MicrometerFiringMetrics implements FiringMetrics {

  private final Counter fired;
  private final Timer lag;
  private final Map<SkipReason, Counter> skipped = new EnumMap<>(SkipReason.class);

  public MicrometerFiringMetrics(MeterRegistry registry) {
    fired = Counter.builder("emailsync.automation.fired").description("Automations fired").register(registry);
    lag = Timer.builder("emailsync.automation.fire.lag").description("From the contact-history entry to the firing")
        .publishPercentileHistogram().register(registry);
    for (SkipReason reason : SkipReason.values()) {
      skipped.put(reason, Counter.builder("emailsync.automation.skipped").tag("reason", reason.name())
          .description("Contact mail an automation let pass without firing, by reason").register(registry));
    }
  }

  @Override
  public void fired(Duration sinceLogged) {
    fired.increment();
    lag.record(sinceLogged.isNegative() ? Duration.ZERO : sinceLogged);
  }

  @Override
  public void skipped(SkipReason reason) {
    skipped.get(reason).increment();
  }
}
