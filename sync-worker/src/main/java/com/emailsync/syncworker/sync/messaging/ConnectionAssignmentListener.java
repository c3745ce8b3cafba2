package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import com.emailsync.syncworker.sync.AssignedConnections;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Shares the connections among the workers: each worker owns the connections of the partitions the consumer group gives
 * it. The topic is compacted and read from the start on every assignment, so a worker that takes over a partition
 * learns every connection in it.
 */
public class ConnectionAssignmentListener implements ConsumerSeekAware {

  private final AssignedConnections assigned;
  private final KafkaSyncCursors cursors;
  private final EventCodec codec;

  public ConnectionAssignmentListener(AssignedConnections assigned, KafkaSyncCursors cursors, EventCodec codec) {
    this.assigned = assigned;
    this.cursors = cursors;
    this.codec = codec;
  }

  @KafkaListener(topics = Topics.CONNECTIONS, groupId = "sync-worker")
  void on(ConsumerRecord<String, byte[]> record) {
    switch (codec.decode(record)) {
      case null -> assigned.remove(record.key());
      case ConnectionChanged connection when connection.enabled() && !connection.folders().isEmpty() ->
          assigned.assign(connection, record.partition());
      case ConnectionChanged connection -> assigned.remove(connection.connectionId());
      default -> {}
    }
  }

  @Override
  public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
    // Cursors of newly owned connections were written by another worker: read them before syncing.
    cursors.reload();
    callback.seekToBeginning(assignments.keySet());
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    Set<Integer> revoked = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    assigned.removeIf(revoked::contains);
  }
}
