package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.EmailEvent;
import com.emailsync.events.EventCodec;
import com.emailsync.events.MailMessage;
import com.emailsync.events.MessageSetAside;
import com.emailsync.events.SyncStatusReported;
import com.emailsync.events.Topics;
import com.emailsync.events.SyncHeld;
import com.emailsync.events.logging.LogContext;
import com.emailsync.syncworker.sync.FolderCursor;
import com.emailsync.syncworker.sync.SyncHold;
import com.emailsync.syncworker.sync.OwnershipLost;
import com.emailsync.syncworker.sync.SyncOutput;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import java.util.concurrent.Future;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a batch's mail events and its cursor in one Kafka transaction: consumers reading committed records see the
 * mail and the cursor together or not at all, so a crash between them neither loses nor repeats mail.
 *
 * <p>One per owned partition of the connections topic, with that partition's own transactional id: the worker that
 * takes the partition over initialises a producer of the same id, which fences this one, so a pass still running here
 * (a worker paused past its session, a rebalance) can no longer commit anything. One transaction at a time per
 * producer: the passes of one partition's connections commit in turn.
 */
public class KafkaSyncOutput implements SyncOutput, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KafkaSyncOutput.class);

  private final Producer<String, byte[]> producer;
  private final int partition;
  private final EventCodec codec;
  private final KafkaSyncCursors cursors;
  private final int maxEventBytes;
  private final Clock clock;
  private final Broken broken;
  private volatile boolean closed;

  /** Told when the producer is of no more use and must be replaced. */
  @FunctionalInterface
  public interface Broken {
    /**
     * @param maybeFenced a new owner may have fenced it, or this worker may be cut off from the group: the partition is
     *     taken again only after a new owner had time to show; otherwise (the broker lost the transaction) soon
     */
    void replace(boolean maybeFenced);
  }

  /**
   * @param maxEventBytes the largest mail event to produce, below what the broker accepts: a larger one would fail its
   *     batch on every retry and stop the folder for good, so its bodies are cut to fit instead
   */
  public KafkaSyncOutput(
      Producer<String, byte[]> producer, int partition, EventCodec codec, KafkaSyncCursors cursors, int maxEventBytes, Clock clock, Broken broken) {
    this.producer = producer;
    this.partition = partition;
    this.codec = codec;
    this.cursors = cursors;
    this.maxEventBytes = maxEventBytes;
    this.clock = clock;
    this.broken = broken;
  }

  @Override
  public List<MessageSetAside> commit(List<EmailEvent> events, List<MessageSetAside> setAside, FolderCursor cursor) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    List<MessageSetAside> aside = new ArrayList<>(setAside);
    for (EmailEvent event : events) {
      withinLimit(event).ifPresentOrElse(records::add, () -> aside.add(tooLarge(event)));
    }
    aside.forEach(a -> records.add(codec.encode(Topics.MESSAGES_SET_ASIDE, a)));
    var cursorRecord = codec.encode(Topics.SYNC_CURSORS, KafkaSyncCursors.toEvent(cursor, clock.instant()));
    records.add(cursorRecord);
    List<Future<RecordMetadata>> sent = inOneTransaction(records);
    cursors.remember(cursor, offsetOf(sent.getLast()));
    for (MessageSetAside a : aside) {
      try (var ignored = LogContext.of(LogContext.CONNECTION, a.connectionId(), LogContext.MESSAGE, a.messageId())) {
        log.warn("Message at UID {} in folder {} of connection {} set aside: {}", a.location().uid(), a.location().folder(), a.connectionId(), a.reason());
      }
    }
    return aside;
  }

  private MessageSetAside tooLarge(EmailEvent event) {
    MailMessage message = event.message();
    return new MessageSetAside(
        UUID.randomUUID(), event.occurredAt(), event.connectionId(), event.tenantId(), event.location(), message.messageId(),
        "it is too large for one event even without its bodies and attachment list (%d recipients)".formatted(message.participants().size()));
  }

  @Override
  public void publish(List<EmailEvent> events) {
    if (!events.isEmpty()) {
      inOneTransaction(events.stream().flatMap(event -> withinLimit(event).stream()).toList());
    }
  }

  @Override
  public void report(SyncStatusReported status) {
    inOneTransaction(List.of(codec.encode(Topics.SYNC_STATUS, status)));
  }

  @Override
  public void recordHold(SyncHold.Change change) {
    switch (change) {
      case SyncHold.Change.Hold(SyncHold hold) -> {
        var sent = inOneTransaction(List.of(codec.encode(Topics.SYNC_CURSORS, KafkaSyncCursors.toEvent(hold, clock.instant()))));
        cursors.rememberHold(hold, offsetOf(sent.getLast()));
      }
      case SyncHold.Change.Release(String connectionId) -> {
        var sent = inOneTransaction(List.of(EventCodec.tombstone(Topics.SYNC_CURSORS, SyncHeld.key(connectionId))));
        cursors.forgetHold(connectionId, offsetOf(sent.getLast()));
      }
      case SyncHold.Change.None none -> {}
    }
  }

  /**
   * All of them or none. A fenced or closed producer means the partition is another worker's now: {@link
   * OwnershipLost}. Any other failure aborts the transaction (nothing becomes visible) and is thrown; a producer that
   * cannot even abort is replaced, and the cursors are read again, as a commit that timed out may have landed.
   *
   * @return the sends, all completed
   */
  private synchronized List<Future<RecordMetadata>> inOneTransaction(List<ProducerRecord<String, byte[]>> records) {
    if (closed) {
      throw new OwnershipLost(partition);
    }
    try {
      producer.beginTransaction();
      List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
      producer.commitTransaction();
      return sent;
    } catch (ProducerFencedException fenced) {
      throw new OwnershipLost(partition, fenced);
    } catch (InvalidProducerEpochException stale) {
      // Fenced by a new owner, or a transaction the coordinator timed out: this producer is done either way. Taking the
      // partition again at once could fence a rightful new owner, so the ownership gives it time to show first.
      broken.replace(true);
      throw new OwnershipLost(partition, stale);
    } catch (KafkaException | IllegalStateException e) {
      if (closed) {
        throw new OwnershipLost(partition, e);
      }
      if (!abortQuietly()) {
        cursors.invalidate();
        // Only a transaction the broker lost track of is surely no fencing; a commit that timed out may be this worker
        // cut off from a group that has given its partitions away.
        broken.replace(!(e instanceof InvalidTxnStateException));
      }
      throw e;
    }
  }

  private static long offsetOf(Future<RecordMetadata> sent) {
    try {
      return sent.get().offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a committed send cannot have failed", e);
    }
  }

  /** @return whether the producer could abort; if not, it is of no more use */
  private boolean abortQuietly() {
    try {
      producer.abortTransaction();
      return true;
    } catch (KafkaException | IllegalStateException e) {
      // The broker aborts the transaction anyway once its timeout passes.
      return false;
    }
  }

  /** Ends the ownership: a transaction still open here is aborted, and every later commit fails with OwnershipLost. */
  @Override
  public void close() {
    closed = true;
    producer.close(Duration.ofSeconds(5));
  }

  /**
   * Drops the HTML body first, then halves the text, then the list of attachments, until the event fits; the
   * participants are always kept, so a mail that still does not fit is no event at all.
   */
  private Optional<ProducerRecord<String, byte[]>> withinLimit(EmailEvent event) {
    var record = codec.encode(Topics.MESSAGES, event);
    MailMessage message = event.message();
    while (record.value().length > maxEventBytes) {
      MailMessage shorter = shortened(message);
      if (shorter == null) {
        return Optional.empty();
      }
      message = shorter;
      record = codec.encode(Topics.MESSAGES, event.withMessage(message));
    }
    if (message != event.message()) {
      try (var ignored = LogContext.of(LogContext.MESSAGE, message.messageId())) {
        log.warn(
          "Mail {} in folder {} of connection {} was too large for one event; its bodies or attachment list were cut to fit",
          event.location().uid(), event.location().folder(), event.connectionId());
      }
    }
    return Optional.of(record);
  }

  /** One step shorter, or null when nothing is left to cut. */
  private static @Nullable MailMessage shortened(MailMessage message) {
    if (message.htmlBody() != null) {
      return message.withBodiesCut(message.textBody(), null);
    }
    if (message.textBody() != null && !message.textBody().isEmpty()) {
      return message.withBodiesCut(message.textBody().substring(0, message.textBody().length() / 2), null);
    }
    if (!message.attachments().isEmpty()) {
      return message.withAttachmentsCut(message.attachments().size() / 2);
    }
    return null;
  }
}
