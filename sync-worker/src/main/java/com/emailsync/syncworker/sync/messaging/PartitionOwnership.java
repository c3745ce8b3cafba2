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

  /** Takes the partitions over: returns once every earlier owner is fenced, so cursors read after it are final. */
  public void assigned(Collection<Integer> partitions) {
    partitions.forEach(partition -> owned.computeIfAbsent(partition, this::take));
  }

  public void revoked(Collection<Integer> partitions) {
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
    producer.initTransactions();
    return new KafkaSyncOutput(producer, partition, codec, cursors, maxEventBytes, clock);
  }
}
