package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import com.emailsync.syncworker.sync.AssignedConnections;
import com.emailsync.syncworker.sync.Mailbox;
import com.emailsync.syncworker.sync.MailboxWatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(ConnectionAssignmentListener.class);

  private final AssignedConnections assigned;
  private final MailboxWatching watching;
  private final PartitionOwnership ownership;
  private final KafkaSyncCursors cursors;
  private final EventCodec codec;

  public ConnectionAssignmentListener(
      AssignedConnections assigned, MailboxWatching watching, PartitionOwnership ownership, KafkaSyncCursors cursors, EventCodec codec) {
    this.assigned = assigned;
    this.watching = watching;
    this.ownership = ownership;
    this.cursors = cursors;
    this.codec = codec;
  }

  @KafkaListener(topics = Topics.CONNECTIONS, groupId = "sync-worker")
  void on(ConsumerRecord<String, byte[]> record) {
    switch (codec.decode(record)) {
      case null -> watching.released(record.key());
      case ConnectionChanged connection when connection.enabled() && !connection.folders().isEmpty() ->
          watching.owned(Mailbox.of(connection, record.partition()));
      case ConnectionChanged connection -> watching.released(connection.connectionId());
      default -> {}
    }
  }

  @Override
  public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
    // Fence the previous owners first: once they can commit nothing more, the cursors read next are final.
    ownership.assigned(assignments.keySet().stream().map(TopicPartition::partition).toList());
    try {
      cursors.reload();
    } catch (RuntimeException e) {
      // The scheduler syncs nothing until a reload succeeds, and keeps trying: the connections are not left unsynced.
      log.warn("Could not read the folder cursors after taking over partitions {}; retrying before any sync", assignments.keySet(), e);
    }
    callback.seekToBeginning(assignments.keySet());
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    Set<Integer> revoked = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
    // The outputs close first: a pass still running for these connections commits nothing from here on.
    ownership.revoked(revoked);
    assigned.removeIf(revoked::contains).forEach(watching::released);
  }
}
