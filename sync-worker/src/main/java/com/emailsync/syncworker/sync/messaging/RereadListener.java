package com.emailsync.syncworker.sync.messaging;

import com.emailsync.events.EventCodec;
import com.emailsync.events.MailRereadRequested;
import com.emailsync.events.Topics;
import com.emailsync.syncworker.sync.AssignedConnections;
import com.emailsync.syncworker.sync.Reread;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Every worker reads every re-read request (a consumer group of its own, from the newest record on) and queues those
 * of the connections it owns. Which worker owns a connection follows the connections topic's partitions, which a
 * group of this topic could not follow; a request that met no owner (a worker starting, a connection moving) is asked
 * for again by contact-history-service until the mail is logged.
 */
public class RereadListener {

  private static final Logger log = LoggerFactory.getLogger(RereadListener.class);

  private final AssignedConnections assigned;
  private final EventCodec codec;

  public RereadListener(AssignedConnections assigned, EventCodec codec) {
    this.assigned = assigned;
    this.codec = codec;
  }

  @KafkaListener(
      topics = Topics.MAIL_REREADS,
      groupId = "sync-worker-rereads-#{T(java.util.UUID).randomUUID()}",
      properties = "auto.offset.reset=latest")
  void on(ConsumerRecord<String, byte[]> record) {
    if (codec.decode(record) instanceof MailRereadRequested request
        && assigned.requestReread(request.tenantId(), request.connectionId(), new Reread(request.location(), request.messageId()))) {
      log.info("Re-reading message {} of connection {} for a new contact", request.location().uid(), request.connectionId());
    }
  }
}
