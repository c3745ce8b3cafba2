package com.emailsync.automation.config;

import com.emailsync.automation.trigger.Automations;
import com.emailsync.automation.trigger.TriggerFiring;
import com.emailsync.automation.trigger.messaging.ActivityListener;
import com.emailsync.automation.trigger.messaging.KafkaTriggerPublisher;
import com.emailsync.automation.trigger.metrics.MicrometerFiringMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import com.emailsync.automation.trigger.mongo.MongoAutomationStore;
import com.emailsync.events.EventCodec;
import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
class AutomationTriggerConfiguration {

  @Bean
  EventCodec eventCodec() {
    return new EventCodec("/emailsync/automation-trigger-service");
  }

  @Bean
  MongoAutomationStore automationStore(MongoClient mongo, AutomationTriggerProperties properties) {
    return new MongoAutomationStore(mongo.getDatabase(properties.mongoDatabase()));
  }

  @Bean
  Automations automations(MongoAutomationStore store, com.emailsync.automation.trigger.MailBodies mailBodies) {
    return new Automations(store, store, Clock.systemUTC(), () -> UUID.randomUUID().toString(), mailBodies.available());
  }

  /** contact-history's internal API when configured; otherwise no bodies, and body filters are refused. */
  @Bean
  com.emailsync.automation.trigger.MailBodies mailBodies(AutomationTriggerProperties properties) {
    var contactHistory = properties.contactHistory();
    if (!contactHistory.configured()) {
      org.slf4j.LoggerFactory.getLogger(AutomationTriggerConfiguration.class).warn(
          "emailsync.contact-history.url, token-uri, client-id or client-secret is not set: automations cannot filter on the body");
      return com.emailsync.automation.trigger.MailBodies.NONE;
    }
    return new com.emailsync.automation.trigger.internalapi.ContactHistoryMailBodies(
        contactHistory.restClient(java.time.Duration.ofSeconds(10)), contactHistory.serviceTokens());
  }

  @Bean
  ActivityListener activityListener(
      MongoAutomationStore store, KafkaTemplate<String, byte[]> kafka, EventCodec codec, MeterRegistry registry,
      com.emailsync.automation.trigger.MailBodies mailBodies, com.emailsync.automation.trigger.mongo.MongoContactAttributes contactAttributes,
      org.springframework.kafka.listener.DeadLetterPublishingRecoverer deadLetters,
      org.springframework.beans.factory.ObjectProvider<io.opentelemetry.api.OpenTelemetry> openTelemetry) {
    return new ActivityListener(
        new TriggerFiring(store, store, store, mailBodies, contactAttributes, new KafkaTriggerPublisher(kafka, codec), new MicrometerFiringMetrics(registry),
            Clock.systemUTC()),
        codec, deadLetters, com.emailsync.events.tracing.EmailSyncTracer.of(openTelemetry.getIfAvailable()));
  }

  @Bean
  com.emailsync.automation.trigger.mongo.MongoContactAttributes contactAttributes(MongoClient mongo, AutomationTriggerProperties properties) {
    return new com.emailsync.automation.trigger.mongo.MongoContactAttributes(mongo.getDatabase(properties.mongoDatabase()));
  }

  @Bean
  com.emailsync.automation.trigger.messaging.ContactListener contactListener(
      com.emailsync.automation.trigger.mongo.MongoContactAttributes contactAttributes, EventCodec codec) {
    return new com.emailsync.automation.trigger.messaging.ContactListener(contactAttributes, codec);
  }

  /** How webhook hosts are looked up: the system's DNS (tests put a stub in its place). */
  @Bean
  com.emailsync.events.net.AddressGuard.Resolver webhookResolver() {
    return java.net.InetAddress::getAllByName;
  }

  @Bean
  com.emailsync.events.net.AddressGuard webhookGuard(AutomationTriggerProperties properties, com.emailsync.events.net.AddressGuard.Resolver webhookResolver) {
    return com.emailsync.events.net.AddressGuard.allowing(properties.webhooks().allowedHosts(), webhookResolver);
  }

  @Bean
  com.emailsync.automation.webhook.mongo.MongoWebhookStore webhookStore(MongoClient mongo, AutomationTriggerProperties properties) {
    return new com.emailsync.automation.webhook.mongo.MongoWebhookStore(mongo.getDatabase(properties.mongoDatabase()));
  }

  @Bean
  com.emailsync.automation.webhook.WebhookEndpoints webhookEndpoints(
      com.emailsync.automation.webhook.mongo.MongoWebhookStore store, com.emailsync.events.net.AddressGuard webhookGuard, AutomationTriggerProperties properties) {
    return new com.emailsync.automation.webhook.WebhookEndpoints(store, new com.emailsync.automation.webhook.http.GuardedWebhookUrls(webhookGuard),
        com.emailsync.events.secrets.SecretBox.fromKeyring(properties.secrets().atRestKey()), Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  @Bean(destroyMethod = "close")
  com.emailsync.automation.webhook.http.HttpWebhookSender webhookSender(com.emailsync.events.net.AddressGuard webhookGuard, AutomationTriggerProperties properties) {
    return new com.emailsync.automation.webhook.http.HttpWebhookSender(webhookGuard, properties.webhooks().connectTimeout(),
        properties.webhooks().responseTimeout(), Clock.systemUTC());
  }

  @Bean
  com.emailsync.automation.webhook.WebhookDeliveries webhookDeliveries(
      com.emailsync.automation.webhook.mongo.MongoWebhookStore store, com.emailsync.automation.webhook.WebhookEndpoints webhookEndpoints,
      com.emailsync.automation.webhook.http.HttpWebhookSender webhookSender, AutomationTriggerProperties properties) {
    var webhooks = properties.webhooks();
    // Exponential with jitter (resilience4j): endpoints coming back after an outage are not hit by every sender at once.
    var waits = io.github.resilience4j.core.IntervalFunction.ofExponentialRandomBackoff(webhooks.firstRetry(), 2.0, 0.5, webhooks.maxRetry());
    return new com.emailsync.automation.webhook.WebhookDeliveries(store, webhookEndpoints, webhookSender, Clock.systemUTC(),
        attempt -> waits.apply((int) Math.min(attempt, 64)), webhooks.giveUpAfter(),
        webhooks.connectTimeout().plus(webhooks.responseTimeout()).multipliedBy(2));
  }

  @Bean
  com.emailsync.automation.webhook.messaging.TriggerWebhookListener triggerWebhookListener(
      com.emailsync.automation.webhook.WebhookDeliveries webhookDeliveries, EventCodec codec) {
    return new com.emailsync.automation.webhook.messaging.TriggerWebhookListener(webhookDeliveries, codec);
  }

  @Bean(destroyMethod = "shutdownNow")
  java.util.concurrent.ExecutorService webhookSenders() {
    return java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-", 0).factory());
  }

  @Bean
  com.emailsync.automation.webhook.scheduling.WebhookDispatcher webhookDispatcher(
      com.emailsync.automation.webhook.WebhookDeliveries webhookDeliveries, java.util.concurrent.ExecutorService webhookSenders,
      AutomationTriggerProperties properties, MeterRegistry registry) {
    return new com.emailsync.automation.webhook.scheduling.WebhookDispatcher(webhookDeliveries, webhookSenders, properties.webhooks().parallelism(), registry);
  }
}
