package com.emailsync.events;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code docs/asyncapi.yaml}, the AsyncAPI 3.0.0 description of Email Sync's Kafka API, is valid and says what the code
 * says: the topics of {@link Topics}, the types of {@link EventTypes} with payloads by reference to the JSON Schemas of
 * {@code src/main/resources/schemas}, the owners of {@link Topics#CATALOG}, the headers and keys {@link EventCodec}
 * writes, and who sends and receives what ({@link #FLOWS}).
 *
 * <p>{@code src/test/resources/asyncapi/3.0.0.json} is the official AsyncAPI 3.0.0 JSON Schema, bundled with every
 * {@code $id} it refers to: {@code schemas/3.0.0.json} of the npm package {@code @asyncapi/specs} 6.11.1 (Apache-2.0,
 * built from github.com/asyncapi/spec-json-schemas), copied unchanged from {@code npm pack @asyncapi/specs@6.11.1}.
 */
class AsyncApiDocumentTest {

  /** The name of the messages that stand for a tombstone: a record with a key, no value and no headers. */
  private static final String TOMBSTONE = "tombstone";

  private static final String HEADERS_REF = "#/components/schemas/CloudEventHeaders";

  /** The JSON Schema drafts the schema files may declare, as AsyncAPI's schemaFormat names them. */
  private static final Map<String, String> SCHEMA_FORMATS =
      Map.of(
          "https://json-schema.org/draft/2020-12/schema", "application/schema+json;version=2020-12",
          "http://json-schema.org/draft-07/schema#", "application/schema+json;version=draft-07");

  /**
   * Who writes what where, and who reads it: README's Topics table and docs/events.md, as the producers
   * ({@code codec.encode(Topics....)}, {@code EventCodec.tombstone}) and the listeners do it. No code lists it whole.
   */
  private static final List<Flow> FLOWS =
      List.of(
          send(Topics.CONNECTIONS, Topics.CONNECTION_SERVICE, ConnectionChanged.TYPE, TOMBSTONE),
          receive(Topics.CONNECTIONS, Topics.SYNC_WORKER, ConnectionChanged.TYPE, TOMBSTONE),
          receive(Topics.CONNECTIONS, Topics.CONTACT_HISTORY, TOMBSTONE),
          send(Topics.MESSAGES, Topics.SYNC_WORKER, EmailReceived.TYPE, EmailSent.TYPE),
          receive(Topics.MESSAGES, Topics.CONTACT_HISTORY, EmailReceived.TYPE, EmailSent.TYPE),
          send(Topics.MESSAGES_SET_ASIDE, Topics.SYNC_WORKER, MessageSetAside.TYPE),
          send(Topics.MESSAGES_SET_ASIDE, Topics.CONTACT_HISTORY, EmailReceived.TYPE, EmailSent.TYPE),
          receive(Topics.MESSAGES_SET_ASIDE, "ops-tools", MessageSetAside.TYPE, EmailReceived.TYPE, EmailSent.TYPE),
          send(Topics.SYNC_STATUS, Topics.SYNC_WORKER, SyncStatusReported.TYPE),
          send(Topics.SYNC_STATUS, Topics.CONNECTION_SERVICE, ConnectionNeedsReauth.TYPE, ConnectionReauthDue.TYPE),
          receive(Topics.SYNC_STATUS, Topics.CONNECTION_SERVICE, SyncStatusReported.TYPE),
          receive(Topics.SYNC_STATUS, Topics.CRM, ConnectionNeedsReauth.TYPE, ConnectionReauthDue.TYPE),
          send(Topics.SYNC_CURSORS, Topics.SYNC_WORKER, FolderCursorAdvanced.TYPE, SyncHeld.TYPE, TOMBSTONE),
          receive(Topics.SYNC_CURSORS, Topics.SYNC_WORKER, FolderCursorAdvanced.TYPE, SyncHeld.TYPE, TOMBSTONE),
          send(Topics.CONTACTS, Topics.CRM, ContactChanged.TYPE, ContactMerged.TYPE, TOMBSTONE),
          receive(Topics.CONTACTS, Topics.CONTACT_HISTORY, ContactChanged.TYPE, ContactMerged.TYPE, TOMBSTONE),
          receive(Topics.CONTACTS, Topics.AUTOMATION_TRIGGER, ContactChanged.TYPE, TOMBSTONE),
          send(Topics.CONTACT_ACTIVITY, Topics.CONTACT_HISTORY, ContactEmailLogged.TYPE, EntriesErased.TYPE),
          receive(Topics.CONTACT_ACTIVITY, Topics.AUTOMATION_TRIGGER, ContactEmailLogged.TYPE, EntriesErased.TYPE),
          // The CRM owns the topic and reads it; automation-trigger-service writes it and reads it back for webhooks.
          send(Topics.AUTOMATION_TRIGGERS, Topics.AUTOMATION_TRIGGER, AutomationTriggered.TYPE),
          receive(Topics.AUTOMATION_TRIGGERS, Topics.AUTOMATION_TRIGGER, AutomationTriggered.TYPE),
          receive(Topics.AUTOMATION_TRIGGERS, Topics.CRM, AutomationTriggered.TYPE),
          send(Topics.MAIL_REREADS, Topics.CONTACT_HISTORY, MailRereadRequested.TYPE),
          receive(Topics.MAIL_REREADS, Topics.SYNC_WORKER, MailRereadRequested.TYPE),
          send(Topics.CONTACT_SUGGESTIONS, Topics.CONTACT_HISTORY, ContactSuggested.TYPE),
          receive(Topics.CONTACT_SUGGESTIONS, Topics.CRM, ContactSuggested.TYPE));

  private static final JsonMapper JSON = EventCodec.jsonMapper();
  private static final Path ROOT = repositoryRoot();
  private static final JsonNode DOCUMENT = readYaml(ROOT.resolve("docs/asyncapi.yaml"));

  /** Draft 07, as the AsyncAPI schema declares; its {@code example} keyword is only an annotation. */
  private static final SchemaRegistry DRAFT_07 =
      SchemaRegistry.withDialect(
          Dialect.builder(Dialects.getDraft7()).keyword(new AnnotationKeyword("example")).build(),
          // Every $id the AsyncAPI schema refers to is defined in the bundled file itself: nothing is fetched.
          registry -> registry.schemaLoader(loader -> loader.fetchRemoteResources(false)));

  @Test
  void isValidAgainstTheOfficialAsyncApi300Schema() throws IOException {
    try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi/3.0.0.json")) {
      var id = SchemaLocation.of("http://asyncapi.com/definitions/3.0.0/asyncapi.json");
      Schema asyncApi = DRAFT_07.getSchema(id, in, InputFormat.JSON);

      assertThat(asyncApi.validate(DOCUMENT)).isEmpty();
    }
  }

  @Test
  void hasAChannelForEveryTopicAndTheMessagesDeadLetterTopic() {
    var topics = new ArrayList<>(Topics.ALL);
    topics.add(Topics.MESSAGES_SET_ASIDE);

    assertThat(channels().map(AsyncApiDocumentTest::address)).containsExactlyInAnyOrderElementsOf(topics);
  }

  @Test
  void everyEventTypeIsAMessageOfAChannel() {
    Set<String> onChannels = channels().flatMap(channel -> messageNames(channel).stream()).collect(toSet());

    Set<String> known = new TreeSet<>(EventTypes.all());
    known.add(TOMBSTONE);

    assertThat(onChannels).containsAll(EventTypes.all()).isSubsetOf(known);
  }

  @Test
  void eachChannelCarriesExactlyWhatItsProducersWrite() {
    channels().forEach(channel -> {
      String topic = address(channel);
      Set<String> written = FLOWS.stream().filter(f -> f.topic().equals(topic) && f.action().equals("send"))
          .flatMap(f -> f.messages().stream()).collect(toSet());

      assertThat(messageNames(channel)).as(topic).isEqualTo(written);
    });
  }

  @Test
  void itsOperationsAreWhoSendsAndReceivesWhatOnEachTopic() {
    List<Flow> operations = new ArrayList<>();
    DOCUMENT.path("operations").properties().forEach(operation -> operations.add(flowOf(operation.getValue())));

    assertThat(operations).containsExactlyInAnyOrderElementsOf(FLOWS);
  }

  @Test
  void anOperationSendsOrReceivesOnlyMessagesOfItsOwnChannel() {
    DOCUMENT.path("operations").properties().forEach(operation -> {
      String channelRef = operation.getValue().path("channel").path("$ref").asString();
      assertThat(operation.getValue().path("messages").values())
          .as(operation.getKey())
          .isNotEmpty()
          .allSatisfy(message -> assertThat(message.path("$ref").asString()).startsWith(channelRef + "/messages/"));
    });
  }

  @Test
  void everyReferenceInsideTheDocumentResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(DOCUMENT, refs);

    assertThat(refs).filteredOn(ref -> ref.startsWith("#")).isNotEmpty()
        .allSatisfy(ref -> assertThat(DOCUMENT.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
  }

  @Test
  void everyPayloadIsItsTypesSchemaInSharedEventsByReference() throws IOException {
    Path schemas = ROOT.resolve("shared-events/src/main/resources/schemas");
    Set<Path> referenced = new TreeSet<>();
    for (var message : eventMessages()) {
      String type = name(message.getValue());
      JsonNode payload = message.getValue().path("payload");
      Path schema = ROOT.resolve("docs").resolve(payload.path("schema").path("$ref").asString()).normalize();

      assertThat(schema).as(type).exists().hasFileName(type + ".schema.json").hasParent(schemas);
      assertThat(payload.path("schemaFormat").asString())
          .as(type).isEqualTo(SCHEMA_FORMATS.get(JSON.readTree(schema.toFile()).path("$schema").asString()));
      assertThat(EventTypes.classOf(type)).as(type).hasValueSatisfying(
          eventClass -> assertThat(eventClass.getSimpleName()).isEqualTo(message.getKey()));
      referenced.add(schema);
    }
    try (Stream<Path> files = Files.list(schemas)) {
      assertThat(referenced).containsExactlyInAnyOrderElementsOf(files.map(Path::normalize).toList());
    }
  }

  @Test
  void eachChannelNamesTheOwnerOfItsTopicAndTheOwnerWritesOrReadsIt() {
    for (Topics.Topic topic : Topics.CATALOG) {
      String owner = channel(topic.name()).path("x-emailsync-owner").asString();
      boolean ownerWrites = services(topic.name(), "send").contains(owner);
      boolean crmReadsItsTopic = owner.equals(Topics.CRM) && services(topic.name(), "receive").contains(Topics.CRM);

      assertThat(owner).as(topic.name()).isEqualTo(topic.owner());
      assertThat(ownerWrites || crmReadsItsTopic)
          .as("%s is written by its owner, or read by the CRM that owns it", topic.name()).isTrue();
    }
  }

  @Test
  void theMessagesDeadLetterTopicIsWrittenByWhoTheCatalogSaysDeadLettersIntoIt() {
    for (Topics.Topic topic : Topics.CATALOG) {
      for (String service : topic.deadLetteredBy()) {
        assertThat(services(topic.name(), "receive").contains(service)
                || services(Topics.deadLetter(topic.name()), "send").contains(service))
            .as("%s reads %s, or writes its dead-letter topic", service, topic.name()).isTrue();
      }
    }
    var mail = Topics.CATALOG.stream().filter(t -> t.name().equals(Topics.MESSAGES)).findFirst().orElseThrow();
    assertThat(services(Topics.MESSAGES_SET_ASIDE, "send")).containsExactlyInAnyOrderElementsOf(mail.deadLetteredBy());
  }

  @Test
  void compactedTopicsAndOnlyTheyCarryTombstonesAndDeadLettersAreKeptThirtyDays() {
    channels().forEach(channel -> {
      String topic = address(channel);
      JsonNode kafka = channel.path("bindings").path("kafka").path("topicConfiguration");
      boolean compacted = Topics.COMPACTED.contains(topic);

      assertThat(kafka.path("cleanup.policy").values()).as(topic).map(JsonNode::asString)
          .containsExactly(compacted ? "compact" : "delete");
      assertThat(messageNames(channel).contains(TOMBSTONE)).as(topic).isEqualTo(compacted);
      if (topic.endsWith("-dlt")) {
        assertThat(kafka.path("retention.ms").asLong()).as(topic).isEqualTo(Topics.DEAD_LETTER_RETENTION.toMillis());
      }
    });
    Schema traceHeaders = DRAFT_07.getSchema(resolve(DOCUMENT.at("/components/schemas/TraceHeaders")));
    ObjectNode tombstoneHeaders = headersOf(traced(() -> EventCodec.tombstone("any", "conn-1")));
    assertThat(tombstoneHeaders.propertyNames()).as("a tombstone's headers").containsExactly("traceparent");
    componentMessages().stream().filter(m -> name(m.getValue()).equals(TOMBSTONE)).forEach(m -> {
      assertThat(resolve(m.getValue().path("payload")).path("type").asString()).as(m.getKey()).isEqualTo("null");
      assertThat(m.getValue().path("headers").path("$ref").asString()).as(m.getKey()).isEqualTo("#/components/schemas/TraceHeaders");
      assertThat(traceHeaders.validate(tombstoneHeaders)).as(m.getKey()).isEmpty();
    });
  }

  @Test
  void describesTheHeadersAndKeysTheCodecWrites() {
    JsonNode headers = resolve(DOCUMENT.at(HEADERS_REF.substring(1)));
    Schema headerSchema = DRAFT_07.getSchema(headers);
    var codec = new EventCodec("/emailsync/sync-worker");
    for (DomainEvent event : EventMother.everyType()) {
      String type = EventTypes.typeOf(event);
      JsonNode message = eventMessages().stream().map(Map.Entry::getValue)
          .filter(m -> name(m).equals(type)).findFirst().orElseThrow();
      // As every producer writes it: within the work's trace.
      ProducerRecord<String, byte[]> record = traced(() -> codec.encode("any", event));
      ObjectNode written = headersOf(record);
      assertThat(written.has("traceparent")).as(type).isTrue();

      assertThat(message.path("headers").path("$ref").asString()).as(type).isEqualTo(HEADERS_REF);
      assertThat(message.path("contentType").asString()).as(type).isEqualTo(EventCodec.CONTENT_TYPE);
      assertThat(headers.path("properties").propertyNames()).as(type).containsAll(written.propertyNames());
      assertThat(headerSchema.validate(written)).as(type).isEmpty();
      Schema key = DRAFT_07.getSchema(message.path("bindings").path("kafka").path("key"));
      assertThat(key.validate(JsonNodeFactory.instance.stringNode(record.key()))).as(type).isEmpty();
    }
  }

  /** A record written within a trace's span, as a producer's work writes it. */
  private static ProducerRecord<String, byte[]> traced(java.util.function.Supplier<ProducerRecord<String, byte[]>> write) {
    var span = io.opentelemetry.api.trace.Span.wrap(io.opentelemetry.api.trace.SpanContext.create(
        "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", io.opentelemetry.api.trace.TraceFlags.getSampled(),
        io.opentelemetry.api.trace.TraceState.getDefault()));
    try (var ignored = span.makeCurrent()) {
      return write.get();
    }
  }

  private static ObjectNode headersOf(ProducerRecord<String, byte[]> record) {
    ObjectNode written = JsonNodeFactory.instance.objectNode();
    for (Header header : record.headers()) {
      written.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return written;
  }

  record Flow(String topic, String action, String service, Set<String> messages) {}

  private static Flow send(String topic, String service, String... messages) {
    return new Flow(topic, "send", service, Set.of(messages));
  }

  private static Flow receive(String topic, String service, String... messages) {
    return new Flow(topic, "receive", service, Set.of(messages));
  }

  private static Flow flowOf(JsonNode operation) {
    var messages = operation.path("messages").values().stream().map(AsyncApiDocumentTest::name).collect(toSet());
    return new Flow(
        address(resolve(operation.path("channel"))),
        operation.path("action").asString(),
        operation.path("x-emailsync-service").asString(),
        messages);
  }

  private static Set<String> services(String topic, String action) {
    return DOCUMENT.path("operations").values().stream().map(AsyncApiDocumentTest::flowOf)
        .filter(f -> f.topic().equals(topic) && f.action().equals(action)).map(Flow::service).collect(toSet());
  }

  private static Stream<JsonNode> channels() {
    return DOCUMENT.path("channels").values().stream();
  }

  private static JsonNode channel(String topic) {
    return channels().filter(c -> address(c).equals(topic)).findFirst().orElseThrow(
        () -> new AssertionError("no channel for " + topic));
  }

  private static String address(JsonNode channel) {
    return channel.path("address").asString();
  }

  private static Set<String> messageNames(JsonNode channel) {
    return channel.path("messages").values().stream().map(AsyncApiDocumentTest::name).collect(toSet());
  }

  /** The name of a message, by reference or not: its type, or {@link #TOMBSTONE}. */
  private static String name(JsonNode message) {
    return resolve(message).path("name").asString();
  }

  private static List<Map.Entry<String, JsonNode>> componentMessages() {
    return List.copyOf(DOCUMENT.path("components").path("messages").properties());
  }

  private static List<Map.Entry<String, JsonNode>> eventMessages() {
    return componentMessages().stream().filter(m -> !name(m.getValue()).equals(TOMBSTONE)).toList();
  }

  /** Follows references inside the document, as AsyncAPI tools do. */
  private static JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asString("");
    return ref.startsWith("#/") ? resolve(DOCUMENT.at(ref.substring(1))) : node;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.path("$ref").isString()) {
      refs.add(node.path("$ref").asString());
    }
    node.values().forEach(child -> collectRefs(child, refs));
  }

  /** Surefire runs in the module's directory, an IDE perhaps in the repository's: look upwards from either. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docs/asyncapi.yaml")) && Files.isDirectory(dir.resolve("shared-events"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no docs/asyncapi.yaml above " + Path.of("").toAbsolutePath());
  }

  private static JsonNode readYaml(Path file) {
    try {
      return YAMLMapper.builder().build().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
