package com.emailsync.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * A service's Spring integration test on real parts: a Kafka broker (KRaft, in this JVM, able to run transactions on
 * one node) and a MongoDB wire-protocol server, both wired into the service's configuration. Put it next to
 * {@code @SpringBootTest}; read the broker address from {@code ${spring.embedded.kafka.brokers}}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@EmbeddedKafka(
    partitions = 1,
    brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
public @interface ServiceIntegrationTest {}
