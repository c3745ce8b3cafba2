package com.emailsync.events.kafka;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How every service creates the topics it uses and retries a record before it goes to the dead-letter topic.
 *
 * @param partitions partitions of each topic; sync work scales out to at most this many workers
 * @param replicationFactor 1 on a single broker, 3 in production
 * @param retryAttempts retries of a failing record before it is dead-lettered (undecodable records are not retried)
 */
@Validated
@ConfigurationProperties("emailsync.kafka")
public record EmailSyncKafkaProperties(
    @DefaultValue("3") @Min(1) int partitions,
    @DefaultValue("1") @Min(1) short replicationFactor,
    @DefaultValue("3") @Min(0) int retryAttempts,
    @DefaultValue("500ms") Duration retryBackoff) {}
