package com.emailsync.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored v1 payloads are the contract: they must still deserialize to the same events, today's events must
 * serialize to them, and both must satisfy the published JSON Schema.
 */
class GoldenEventJsonTest {

  private final EventCodec codec = new EventCodec("/emailsync/test");
  private final JsonMapper json = EventCodec.jsonMapper();

  static Stream<DomainEvent> everyType() {
    return EventMother.everyType().stream();
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void storedFixtureDeserializesToTheEvent(DomainEvent expected) {
    String type = EventTypes.typeOf(expected);

    DomainEvent decoded = codec.decode(type, fixture(type).getBytes(StandardCharsets.UTF_8));

    assertThat(decoded).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void eventSerializesToTheStoredFixture(DomainEvent event) throws Exception {
    String type = EventTypes.typeOf(event);

    JSONAssert.assertEquals(fixture(type), json.writeValueAsString(event), JSONCompareMode.STRICT);
  }

  @ParameterizedTest
  @MethodSource("everyType")
  void storedFixtureSatisfiesItsJsonSchema(DomainEvent event) {
    String type = EventTypes.typeOf(event);

    assertThat(schema(type).validate(json.readTree(fixture(type)))).isEmpty();
  }

  @Test
  void everyRegisteredTypeHasASchemaAndAFixture() {
    assertThat(EventMother.everyType().stream().map(EventTypes::typeOf)).containsExactlyInAnyOrderElementsOf(EventTypes.all());
    EventTypes.all().forEach(type -> assertThat(resource("/schemas/" + type + ".schema.json")).isNotNull());
  }

  @Test
  void aConnectionChangedFromBeforeFolderStartsStillDecodesWithNone() {
    String older = fixture(ConnectionChanged.TYPE).replaceAll("(?s),\\s*\"folderStarts\".*(?=\\}\\s*$)", "\n");
    assertThat(older).doesNotContain("aliases").doesNotContain("backfill");

    var decoded = (ConnectionChanged) codec.decode(ConnectionChanged.TYPE, older.getBytes(StandardCharsets.UTF_8));

    assertThat(older).doesNotContain("folderStarts");
    assertThat(decoded.folderStarts()).isEmpty();
    assertThat(decoded.startOf("INBOX")).isEmpty();
    assertThat(decoded.aliases()).isEmpty();
    assertThat(decoded.backfill()).isNull();
  }

  @Test
  void aBackfillIsEitherAllOrABoundedNumberOfDays() {
    assertThat(ConnectionChanged.Backfill.everything().since(EventMother.AT)).isEmpty();
    assertThat(ConnectionChanged.Backfill.ofDays(2).since(EventMother.AT)).contains(EventMother.AT.minus(java.time.Duration.ofDays(2)));
    assertThatThrownBy(() -> new ConnectionChanged.Backfill(true, 30)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConnectionChanged.Backfill.ofDays(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ConnectionChanged.Backfill.ofDays(36_501)).isInstanceOf(IllegalArgumentException.class);
  }

  @Nested
  class Rejects {

    @Test
    void aPayloadMissingARequiredField() {
      String withoutConnectionId = fixture(EmailReceived.TYPE).replace("\"connectionId\"", "\"somethingElse\"");

      assertThatThrownBy(() -> codec.decode(EmailReceived.TYPE, withoutConnectionId.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(UndecodableEventException.class)
          .hasMessageContaining("connectionId is required");
    }

    @Test
    void anUnknownType() {
      assertThatThrownBy(() -> codec.decode("emailsync.email.received.v9", "{}".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(UndecodableEventException.class)
          .hasMessageContaining("unknown event type 'emailsync.email.received.v9'");
    }

    @Test
    void aPayloadThatIsNotJson() {
      assertThatThrownBy(() -> codec.decode(ContactChanged.TYPE, "<contact/>".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(UndecodableEventException.class)
          .hasMessageContaining("payload does not fit crm.contact.changed.v1");
    }

    @Test
    void aPayloadTheSchemaRejectsToo() {
      String badStatus = fixture(SyncStatusReported.TYPE).replace("\"OK\"", "\"SORT_OF_OK\"");

      assertThat(schema(SyncStatusReported.TYPE).validate(json.readTree(badStatus))).isNotEmpty();
      assertThatThrownBy(() -> codec.decode(SyncStatusReported.TYPE, badStatus.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(UndecodableEventException.class);
    }
  }

  @Test
  void readersIgnoreFieldsAddedLaterInTheSameVersion() {
    String withExtra = fixture(ContactChanged.TYPE).replaceFirst("\\{", "{\"phone\":\"+1 555 0100\",");

    assertThat(codec.decode(ContactChanged.TYPE, withExtra.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(EventMother.contactChanged());
  }

  @Test
  void aMailEventFromBeforeTheOriginFieldIsLive() {
    String withoutOrigin = fixture(EmailReceived.TYPE).replace(",\n  \"origin\" : \"LIVE\"", "");
    assertThat(withoutOrigin).doesNotContain("origin");

    EmailEvent decoded = (EmailEvent) codec.decode(EmailReceived.TYPE, withoutOrigin.getBytes(StandardCharsets.UTF_8));

    assertThat(decoded.origin()).isEqualTo(MailOrigin.LIVE);
    assertThat(schema(EmailReceived.TYPE).validate(json.readTree(withoutOrigin))).isEmpty();
  }

  @Nested
  class MailHeadersSay {

    @Test
    void anOutOfOfficeReplyIsAnAutoReply() {
      assertThat(headers("auto-replied", null, null, false).autoReply()).isTrue();
      assertThat(headers("No", null, null, false).autoReply()).as("Auto-Submitted: no is a person").isFalse();
      assertThat(headers(null, "auto_reply", null, false).autoReply()).isTrue();
    }

    @Test
    void listAndNewsletterMailIsBulk() {
      assertThat(headers(null, "Bulk", null, false).bulk()).isTrue();
      assertThat(headers(null, null, "<team.lists.example>", false).bulk()).isTrue();
      assertThat(headers(null, null, null, true).bulk()).isTrue();
      assertThat(MailHeaders.NONE.bulk()).isFalse();
    }

    @Test
    void aReplyBelongsToTheThreadOfItsFirstReference() {
      var reply = new MailHeaders("m-2", List.of("m-1", "m-2"), null, null, null, false, false, false);
      assertThat(reply.threadKey("m-3")).isEqualTo("m-1");
      assertThat(MailHeaders.NONE.threadKey("m-1")).isEqualTo("m-1");
    }

    private MailHeaders headers(String autoSubmitted, String precedence, String listId, boolean listUnsubscribe) {
      return new MailHeaders(null, List.of(), autoSubmitted, precedence, listId, listUnsubscribe, false, false);
    }
  }

  private static Schema schema(String type) {
    try (InputStream in = resource("/schemas/" + type + ".schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fixture(String type) {
    try (InputStream in = resource("/fixtures/" + type + ".json")) {
      assertThat(in).as("fixture for " + type).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String path) {
    return GoldenEventJsonTest.class.getResourceAsStream(path);
  }
}
