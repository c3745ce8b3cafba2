package com.emailsync.events.kafka;

import java.util.Set;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Tells an outage from a bad record. A record that fails because MongoDB or Kafka is away is fine and must wait, as
 * long as the outage lasts, with pauses that double up to a ceiling (so must one waiting for another of our services,
 * {@link DependencyUnavailable}); dead-lettering it would empty a whole outage
 * window into the dead-letter topic. Any other failure is the record's own and is retried a few times only.
 *
 * <p>Classes are matched by name, so this module needs neither driver on its classpath.
 */
public final class TransientFailures {

  private static final Set<String> TRANSIENT =
      Set.of(
          "com.mongodb.MongoSocketException",
          "com.mongodb.MongoTimeoutException",
          "com.mongodb.MongoNotPrimaryException",
          "com.mongodb.MongoNodeIsRecoveringException",
          "com.mongodb.MongoConnectionPoolClearedException",
          "com.mongodb.MongoWriteConcernException",
          "org.apache.kafka.common.errors.RetriableException",
          "org.apache.kafka.common.errors.TimeoutException",
          DependencyUnavailable.class.getName());

  private TransientFailures() {}

  /** Whether the failure, or any cause of it, is the store or the broker being unreachable or busy. */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
        if (TRANSIENT.contains(type.getName())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Unbounded: pauses from {@code first}, doubling, never longer than {@code max}. */
  public static BackOff untilItsBack(EmailSyncKafkaProperties properties) {
    var backOff = new ExponentialBackOff(properties.outageFirstRetry().toMillis(), 2.0);
    backOff.setMaxInterval(properties.outageMaxRetry().toMillis());
    return backOff;
  }

  /** A bad record's few retries before it is dead-lettered. */
  static BackOff fewRetries(EmailSyncKafkaProperties properties) {
    return new FixedBackOff(properties.retryBackoff().toMillis(), properties.retryAttempts());
  }
}
