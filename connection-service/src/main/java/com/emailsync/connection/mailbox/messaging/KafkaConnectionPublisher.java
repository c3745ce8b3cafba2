package com.emailsync.connection.mailbox.messaging;

import com.emailsync.connection.mailbox.ConnectionPublisher;
import com.emailsync.events.ConnectionChanged;
import com.emailsync.events.EventCodec;
import com.emailsync.events.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes connection state to the compacted connections topic and waits for the broker's acknowledgement. */
public class KafkaConnectionPublisher implements ConnectionPublisher {

  private final KafkaTemplate<String, byte[]> kafka;
  private final EventCodec codec;
  private final Duration timeout;

  public KafkaConnectionPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, Duration timeout) {
    this.kafka = kafka;
    this.codec = codec;
    this.timeout = timeout;
  }

  @Override
  public void published(ConnectionChanged event) throws PublishFailed {
    send(codec.encode(Topics.CONNECTIONS, event));
  }

  @Override
  public void deleted(String connectionId) throws PublishFailed {
    send(EventCodec.tombstone(Topics.CONNECTIONS, connectionId));
  }

  /** On the sync status topic, beside the workers' reports: where the CRM already learns about a connection's health. */
  @Override
  public void needsReauth(com.emailsync.events.ConnectionNeedsReauth notice) throws PublishFailed {
    send(codec.encode(Topics.SYNC_STATUS, notice));
  }

  @Override
  public void reauthDue(com.emailsync.events.ConnectionReauthDue notice) throws PublishFailed {
    send(codec.encode(Topics.SYNC_STATUS, notice));
  }

  private void send(ProducerRecord<String, byte[]> record) throws PublishFailed {
    try {
      kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new PublishFailed("The event broker did not acknowledge the change in time; please try again.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailed("Interrupted while publishing the change; please try again.", e);
    }
  }
}
