package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.EventCodec;
import com.emailsync.syncworker.sync.OwnershipLost;
import com.emailsync.syncworker.sync.SyncOutput;
import com.emailsync.syncworker.sync.SyncOutputs;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The outputs of the connections partitions this worker owns. Taking a partition initialises a transactional producer
 * under the partition's own id ({@code <prefix>connections-<partition>}), which fences whichever worker held the
 * partition before, dead or only paused: its open transaction is aborted and its next commit fails. Giving a
 * partition up closes the producer, so a pass still running here commits nothing more.
 */
public class PartitionOwnership implements SyncOutputs {

  private final Map<String, Object> producerConfig;
  private final String transactionalIdPrefix;
  private final EventCodec codec;
  private final KafkaSyncCursors cursors;
  private final int maxEventBytes;
  private final Clock clock;
  private final Map<Integer, KafkaSyncOutput> owned = new ConcurrentHashMap<>();
  /** Partitions assigned but not taken yet, each with the instant before which it is not tried. */
  private final Map<Integer, java.time.Instant> pending = new ConcurrentHashMap<>();
  /**
   * How long a partition whose producer failed waits before it is taken again: longer than a consumer session, so
   * that if this worker was the one presumed dead, the rebalance revokes the partition here first, and taking it
   * again does not fence its rightful new owner.
   */
  private static final java.time.Duration RETAKE_AFTER = java.time.Duration.ofSeconds(15);
  private static final java.time.Duration RETAKE_BROKEN_AFTER = java.time.Duration.ofSeconds(1);
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PartitionOwnership.class);

  /**
   * @param producerConfig the producer settings (bootstrap servers, acks…), without a transactional id
   * @param transactionalIdPrefix the same on every worker of a deployment, different between deployments sharing a
   *     cluster
   */
  public PartitionOwnership(
      Map<String, Object> producerConfig, String transactionalIdPrefix, EventCodec codec, KafkaSyncCursors cursors, int maxEventBytes, Clock clock) {
    this.producerConfig = Map.copyOf(producerConfig);
    this.transactionalIdPrefix = transactionalIdPrefix;
    this.codec = codec;
    this.cursors = cursors;
    this.maxEventBytes = maxEventBytes;
    this.clock = clock;
  }

  /**
   * Takes the partitions over: returns once every earlier owner is fenced, so cursors read after it are final. A
   * partition that could not be taken (the broker is away) is taken later by {@link #takePending}; until then its
   * mailboxes are not synced, which is what a pass would find out anyway.
   *
   * @return whether every partition was taken
   */
  public boolean assigned(Collection<Integer> partitions) {
    partitions.forEach(partition -> pending.put(partition, java.time.Instant.MIN));
    return takePending();
  }

  /** @return whether no partition is waiting to be taken any more */
  public synchronized boolean takePending() {
    java.time.Instant now = clock.instant();
    for (var waiting : java.util.List.copyOf(pending.entrySet())) {
      Integer partition = waiting.getKey();
      if (waiting.getValue().isAfter(now)) {
        continue;
      }
      try {
        owned.computeIfAbsent(partition, this::take);
        pending.remove(partition);
        // Fenced only now: whatever the previous owner committed until then is read before any pass.
        cursors.invalidate();
      } catch (RuntimeException e) {
        log.warn("Could not take partition {} of the connections topic; trying again", partition, e);
      }
    }
    return pending.isEmpty();
  }

  /**
   * The producer of a partition failed beyond aborting: a new one, under the same id, replaces it. After a fencing, once
   * a new owner had time to show; after a failure of the broker's (a transaction it lost), at the next tick but one, so
   * the partition's mailboxes do not wait out a fencing that did not happen.
   */
  private void replace(int partition, boolean maybeFenced) {
    KafkaSyncOutput broken = owned.remove(partition);
    if (broken != null) {
      broken.close();
      pending.put(partition, clock.instant().plus(maybeFenced ? RETAKE_AFTER : RETAKE_BROKEN_AFTER));
    }
  }

  public void revoked(Collection<Integer> partitions) {
    partitions.forEach(pending::remove);
    partitions.forEach(partition -> {
      KafkaSyncOutput output = owned.remove(partition);
      if (output != null) {
        output.close();
      }
    });
  }

  public void revokeAll() {
    revoked(java.util.List.copyOf(owned.keySet()));
  }

  @Override
  public void retryPending() {
    takePending();
  }

  @Override
  public SyncOutput of(int partition) {
    KafkaSyncOutput output = owned.get(partition);
    if (output == null) {
      throw new OwnershipLost(partition);
    }
    return output;
  }

  private KafkaSyncOutput take(int partition) {
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + "connections-" + partition);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    try {
      producer.initTransactions();
    } catch (RuntimeException e) {
      producer.close(java.time.Duration.ZERO);
      throw e;
    }
    return new KafkaSyncOutput(producer, partition, codec, cursors, maxEventBytes, clock, maybeFenced -> replace(partition, maybeFenced));
  }
}
