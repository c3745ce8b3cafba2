package com.emailsync.events.kafka;

/**
 * Another service a record's processing needs is away (down, restarting, unreachable): like MongoDB or Kafka being away,
 * the record is fine and waits for it, however long, rather than being dead-lettered ({@link TransientFailures}).
 */
public class DependencyUnavailable extends RuntimeException {
  public DependencyUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
