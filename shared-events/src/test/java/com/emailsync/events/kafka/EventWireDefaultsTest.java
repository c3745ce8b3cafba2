package com.emailsync.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;

class EventWireDefaultsTest {

  @Configuration(proxyBeanMethods = false)
  static class NoBeans {}

  @Test
  void everyServiceGetsTheEventWireSettingsAndCanStillOverrideThem() {
    try (var context =
        new SpringApplicationBuilder(NoBeans.class)
            .web(WebApplicationType.NONE)
            .properties("spring.config.name=wire-defaults-test")
            .run()) {
      var environment = context.getEnvironment();

      assertThat(environment.getProperty("spring.kafka.producer.value-serializer")).isEqualTo("org.apache.kafka.common.serialization.ByteArraySerializer");
      assertThat(environment.getProperty("spring.kafka.consumer.isolation-level")).isEqualTo("read-committed");
      assertThat(environment.getProperty("spring.kafka.listener.observation-enabled")).isEqualTo("true");
      assertThat(environment.getProperty("spring.kafka.consumer.auto-offset-reset")).isEqualTo("latest");
      assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
    }
  }
}
