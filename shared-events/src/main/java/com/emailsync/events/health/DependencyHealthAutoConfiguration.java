package com.emailsync.events.health;

import com.mongodb.client.MongoClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The checks of what every service depends on, as health contributors {@code kafka} and {@code mongo}: each service's
 * readiness group includes those it cannot serve without. The MongoDB check replaces Boot's (same bean name, so Boot's
 * backs off), for the reason {@link MongoPingHealthIndicator} gives.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
    },
    beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
public class DependencyHealthAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MongoClient.class)
  static class Mongo {
    @Bean
    @ConditionalOnBean(MongoClient.class)
    HealthIndicator mongoHealthContributor(MongoClient mongo) {
      return new MongoPingHealthIndicator(mongo);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(KafkaAdmin.class)
  static class Kafka {
    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    HealthIndicator kafkaHealthContributor(KafkaAdmin kafkaAdmin) {
      return new KafkaClusterHealthIndicator(kafkaAdmin);
    }
  }
}
