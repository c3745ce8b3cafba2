package com.emailsync.events;

/** A record that is not a valid event of this contract; it goes to the dead-letter topic with this message as reason. */
public class UndecodableEventException extends RuntimeException {

  public UndecodableEventException(String reason) {
    super(reason);
  }

  public UndecodableEventException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
