package com.emailsync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private final EventCodec codec = new EventCodec("/emailsync/sync-worker");

  @Test
  void putsTheEventInBinaryModeCloudEventHeadersKeyedByItsAggregate() {
    ProducerRecord<String, byte[]> record = codec.encode(Topics.MESSAGES, EventMother.emailReceived());

    assertThat(record.topic()).isEqualTo(Topics.MESSAGES);
    assertThat(record.key()).isEqualTo(EventMother.CONNECTION_ID);
    assertThat(header(record, "ce_type")).isEqualTo("emailsync.email.received.v1");
    assertThat(header(record, "ce_id")).isEqualTo(EventMother.id(2).toString());
    assertThat(header(record, "ce_source")).isEqualTo("/emailsync/sync-worker");
    assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(header(record, "content-type")).isEqualTo("application/json");
  }

  @Test
  void writesLongTextExactlyAsJacksonsOwnStringPathDoes() {
    String tricky = "Dear \"Sam\",\n\tthe price is 12 € (漢字, naïve) \\ C:\\path\r\n\u0001\u001f\u007f 😀 </script>";
    var rnd = new java.util.Random(7);
    var strings = new java.util.ArrayList<String>();
    for (int length : new int[] {0, 1, 255, 256, 257, 4_000, 70_000}) {
      var text = new StringBuilder();
      while (text.length() < length) {
        text.append(tricky, 0, 1 + rnd.nextInt(tricky.length() - 1));
      }
      strings.add(text.substring(0, length).replaceAll("[\uD800-\uDBFF]$", "x"));
    }
    var plain = tools.jackson.databind.json.JsonMapper.builder().build();
    MailMessage message = EventMother.emailReceived().message();
    var withLongBodies = EventMother.emailReceived().withMessage(new MailMessage(message.messageId(), message.subject(), message.sentAt(),
        message.from(), message.to(), message.cc(), message.bcc(), strings.get(5), strings.get(6), false, message.attachments()));

    assertThat(EventCodec.jsonMapper().writeValueAsString(strings)).isEqualTo(plain.writeValueAsString(strings));
    assertThat(EventCodec.jsonMapper().writeValueAsBytes(withLongBodies)).isEqualTo(plain.writeValueAsBytes(withLongBodies));
    assertThat(codec.decode(asConsumed(codec.encode(Topics.MESSAGES, withLongBodies)))).isEqualTo(withLongBodies);
  }

  @Test
  void decodesWhatItEncodes() {
    for (DomainEvent event : EventMother.everyType()) {
      assertThat(codec.decode(asConsumed(codec.encode("any", event)))).isEqualTo(event);
    }
  }

  @Test
  void readsATombstoneAsNoEvent() {
    assertThat(codec.decode(asConsumed(EventCodec.tombstone(Topics.CONNECTIONS, "conn-1")))).isNull();
  }

  @Test
  void rejectsARecordWithoutCloudEventHeaders() {
    var plain = new ProducerRecord<String, byte[]>("any", "k", "{}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> codec.decode(asConsumed(plain)))
        .isInstanceOf(UndecodableEventException.class)
        .hasMessageStartingWith("not a CloudEvent in binary mode");
  }

  @Test
  void neverRendersTheSealedCredentialWhenLogged() {
    assertThat(EventMother.connectionChanged().toString()).doesNotContain("v1:").contains("conn-7f3a");
  }

  private static String header(ProducerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> sent) {
    return new ConsumerRecord<>(
        sent.topic(),
        0,
        0L,
        0L,
        TimestampType.CREATE_TIME,
        0,
        0,
        sent.key(),
        sent.value(),
        new RecordHeaders(sent.headers().toArray()),
        java.util.Optional.empty());
  }
}
