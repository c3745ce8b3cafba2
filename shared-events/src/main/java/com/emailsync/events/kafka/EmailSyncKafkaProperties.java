package com.emailsync.events.kafka;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which topics a service creates and how, and how it retries a record before it goes to the dead-letter topic.
 *
 * @param createTopics {@code owned} (its own topics, on a bare broker), {@code none} (the platform creates them, as
 *     Strimzi does in Kubernetes) or {@code all} (one process plays the platform, as in tests)
 * @param partitions partitions of each topic it creates; sync work scales out to at most this many workers
 * @param replicationFactor of each topic it creates: 1 on a single broker
 * @param retryAttempts retries of a failing record before it is dead-lettered (undecodable records are not retried)
 * @param outageFirstRetry while MongoDB or Kafka is away, the first pause before a record is tried again; it is
 *     never dead-lettered for that, each pause doubles
 * @param outageMaxRetry the longest such pause: how soon processing resumes after a long outage ends
 */
@Validated
@ConfigurationProperties("emailsync.kafka")
public record EmailSyncKafkaProperties(
    @DefaultValue("owned") TopicCreation createTopics,
    @DefaultValue("3") @Min(1) int partitions,
    @DefaultValue("1") @Min(1) short replicationFactor,
    @DefaultValue("3") @Min(0) int retryAttempts,
    @DefaultValue("500ms") Duration retryBackoff,
    @DefaultValue("500ms") Duration outageFirstRetry,
    @DefaultValue("30s") Duration outageMaxRetry) {}
