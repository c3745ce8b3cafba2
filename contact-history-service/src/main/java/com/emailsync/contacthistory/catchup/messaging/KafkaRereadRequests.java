package com.emailsync.contacthistory.catchup.messaging;

import com.emailsync.contacthistory.catchup.RereadRequests;
import com.emailsync.events.EventCodec;
import com.emailsync.events.MailRereadRequested;
import com.emailsync.events.Topics;
import com.emailsync.events.kafka.TransactionalSend;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends within the contact listener's Kafka transaction when there is one; the retry job, which runs outside any
 * listener, gets a transaction of its own per request.
 */
public class KafkaRereadRequests implements RereadRequests {

  private final KafkaTemplate<String, byte[]> kafka;
  private final EventCodec codec;

  public KafkaRereadRequests(KafkaTemplate<String, byte[]> kafka, EventCodec codec) {
    this.kafka = kafka;
    this.codec = codec;
  }

  @Override
  public void request(MailRereadRequested request) {
    TransactionalSend.inCurrentOrOwn(kafka, codec.encode(Topics.MAIL_REREADS, request));
  }
}
