package com.emailsync.localstack;

import java.util.concurrent.CountDownLatch;

/**
 * One command, the whole system: a real Kafka broker (KRaft) and a MongoDB wire-protocol store persisted under
 * {@code ./data} unless {@code KAFKA_BOOTSTRAP_SERVERS} / {@code MONGODB_URI} point elsewhere, then the four services
 * and the local contact import; {@code --demo} adds a demo mailbox with mail arriving every few seconds.
 */
public final class LocalStackApplication {

  private LocalStackApplication() {}

  public static void main(String[] args) throws InterruptedException {
    LocalSystem system;
    try {
      system = LocalSystem.start(LocalStackOptions.from(args, System.getenv()));
    } catch (IllegalStateException e) {
      // A message that says what to do; the stack trace is in the log above for anything less expected.
      System.err.println("\nEmail Sync could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.out.println(system.banner());
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  system.close();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
