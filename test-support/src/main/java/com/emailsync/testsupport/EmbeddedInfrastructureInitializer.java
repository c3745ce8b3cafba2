package com.emailsync.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application context its own MongoDB wire-protocol server, stopped with the context, and points the
 * service at it, at the embedded Kafka broker and at the tests' token issuer; these properties win over the service's
 * own yml.
 */
final class EmbeddedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    var mongo = EmbeddedMongo.start();
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "embeddedInfrastructure",
                Map.of(
                    "spring.mongodb.uri", mongo.uri(),
                    "spring.kafka.bootstrap-servers", "${spring.embedded.kafka.brokers}",
                    "emailsync.auth.issuer", TestIssuer.issuer().issuer(),
                    "emailsync.auth.jwks-uri", TestIssuer.issuer().jwksUri(),
                    // Any free port, as for the API: two contexts in one test JVM must not both want the default.
                    "management.server.port", "0")));
    context.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
            mongo.close();
          }
        });
  }
}
