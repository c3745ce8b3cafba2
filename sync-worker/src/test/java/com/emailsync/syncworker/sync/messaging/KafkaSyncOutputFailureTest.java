package com.emailsync.syncworker.sync.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailsync.events.EventCodec;
import com.emailsync.syncworker.sync.FolderCursor;
import com.emailsync.syncworker.sync.OwnershipLost;
import com.emailsync.syncworker.sync.SeenUids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/** What a producer that failed beyond aborting asks of its partition's ownership. */
class KafkaSyncOutputFailureTest {

  private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final List<Boolean> replaced = new ArrayList<>();
  private final KafkaSyncOutput output = new KafkaSyncOutput(
      producer, 0, new EventCodec("/emailsync/test"), new KafkaSyncCursors(new DefaultKafkaConsumerFactory<>(Map.of()), new EventCodec("/emailsync/test")),
      900_000, Clock.systemUTC(), replaced::add);
  private final FolderCursor cursor = new FolderCursor("conn-1", "INBOX", 7, 42, 0, "m@x", null, SeenUids.NONE, 0);

  KafkaSyncOutputFailureTest() {
    producer.initTransactions();
    producer.abortTransactionException = new KafkaException("cannot abort either");
  }

  @Test
  void aTransactionTheBrokerLostIsReplacedSoonForNoOtherOwnerCanHaveFencedIt() {
    producer.commitTransactionException = new InvalidTxnStateException("the broker lost the transaction");

    assertThatThrownBy(() -> output.commit(List.of(), List.of(), cursor)).isInstanceOf(InvalidTxnStateException.class);

    assertThat(replaced).containsExactly(false);
  }

  @Test
  void aCommitThatTimedOutWaitsForANewOwnerToShowBeforeThePartitionIsTakenAgain() {
    producer.commitTransactionException = new TimeoutException("no answer from the broker");

    assertThatThrownBy(() -> output.commit(List.of(), List.of(), cursor)).isInstanceOf(TimeoutException.class);

    assertThat(replaced).containsExactly(true);
  }

  @Test
  void aFencedProducerLosesTheOwnershipAndWaitsToo() {
    producer.commitTransactionException = new InvalidProducerEpochException("a new epoch");

    assertThatThrownBy(() -> output.commit(List.of(), List.of(), cursor)).isInstanceOf(OwnershipLost.class);

    assertThat(replaced).containsExactly(true);
  }
}
