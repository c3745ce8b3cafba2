package com.emailsync.events.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The Kafka cluster answers, and with how many brokers. Boot has no Kafka check: a service whose listeners wait for a
 * broker that is away would look ready. One admin client is kept for the probes rather than one built per probe.
 */
final class KafkaClusterHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

  /** Inside the probes' own timeout: k8s/ sets 3 s (Kubernetes' default, 1 s, would call a slow answer "down"). */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final KafkaAdmin kafkaAdmin;
  private @Nullable Admin admin;

  KafkaClusterHealthIndicator(KafkaAdmin kafkaAdmin) {
    super("The Kafka cluster did not answer");
    this.kafkaAdmin = kafkaAdmin;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
    String clusterId = cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    int brokers = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
    builder.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers);
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(kafkaAdmin.getConfigurationProperties());
    }
    return admin;
  }

  @Override
  public synchronized void destroy() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
    }
  }
}
