package com.emailsync.localstack.demo;

import com.emailsync.localstack.LocalStack;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: a mailbox with mail arriving every few seconds, connected to the running stack through its public
 * REST APIs exactly as a user and the CRM would, so a newcomer sees history entries and trigger firings appear.
 */
public final class Demo implements AutoCloseable {

  /** @param imapPort where the demo mailbox listens */
  public record Settings(int imapPort, Duration interval) {
    public static final Settings DEFAULT = new Settings(3143, Duration.ofSeconds(5));
  }

  public static final String TENANT = "demo";
  private static final Logger log = LoggerFactory.getLogger(Demo.class);

  private final DemoMailbox mailbox;
  private final DemoSetup setup;
  private final DemoCorrespondence correspondence = new DemoCorrespondence();
  private final ScheduledExecutorService mailman =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("demo-mailman").daemon().factory());

  private Demo(DemoMailbox mailbox, DemoSetup setup) {
    this.mailbox = mailbox;
    this.setup = setup;
  }

  /** @param token a bearer token of the demo tenant's admin, with which it calls the APIs */
  public static Demo start(LocalStack stack, Settings settings, String token) {
    var mailbox = DemoMailbox.start(settings.imapPort());
    try {
      var setup = DemoSetup.run(stack, mailbox, token);
      var demo = new Demo(mailbox, setup);
      demo.mailman.scheduleWithFixedDelay(demo::deliverNext, settings.interval().toMillis(), settings.interval().toMillis(), TimeUnit.MILLISECONDS);
      return demo;
    } catch (RuntimeException e) {
      mailbox.close();
      throw e;
    }
  }

  private void deliverNext() {
    try {
      var mail = correspondence.next();
      switch (mail.kind()) {
        case REPLY_TO_CONTACT -> mailbox.fileAsSent(mail.message());
        case FROM_CONTACT, FROM_STRANGER -> mailbox.receive(mail.message());
      }
    } catch (RuntimeException e) {
      // A failed delivery must not end the schedule: the next one may well work.
      log.warn("Demo mail not delivered: {}", e.getMessage());
    }
  }

  /** What to look at, for the start-up banner. */
  public String describe(LocalStack stack) {
    DemoContact first = DemoContact.ALL.getFirst();
    return """
        Demo: mailbox %s (password %s) on imap://%s:%d, tenant '%s', connection %s,
              contacts %s, automation %s. New mail every few seconds; watch:
          curl -H "Authorization: Bearer $TOKEN" %s/api/v1/tenants/%s/contacts/%s/history
          curl -H "Authorization: Bearer $TOKEN" %s/api/v1/tenants/%s/automations/%s/firings
        """
        .formatted(
            DemoMailbox.ADDRESS, DemoMailbox.PASSWORD, mailbox.host(), mailbox.port(), TENANT, setup.connectionId(),
            DemoContact.ALL.stream().map(DemoContact::contactId).toList(), setup.automationId(),
            stack.contactHistoryUrl(), TENANT, first.contactId(),
            stack.automationTriggerUrl(), TENANT, setup.automationId());
  }

  public String connectionId() {
    return setup.connectionId();
  }

  public String automationId() {
    return setup.automationId();
  }

  @Override
  public void close() {
    mailman.shutdownNow();
    mailbox.close();
  }
}
