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
    var system = LocalSystem.start(LocalStackOptions.from(args, System.getenv()));
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
