package com.emailsync.localstack.contacts;

import com.emailsync.events.ContactChanged;
import com.emailsync.events.ContactKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Loads contacts into the local stack: {@code curl --data-binary @contacts.csv -H 'Content-Type: text/csv' ...}. */
@RestController
@RequestMapping("/api/v1/local/tenants/{tenantId}/contacts")
class ContactImportController {

  /** @param attributes the contact's other fields (segment, lifecycle...), for automations to filter on */
  record ContactJson(
      @NotBlank String contactId, @Nullable String name, @NotEmpty List<@NotBlank String> emails, java.util.@Nullable Map<String, String> attributes) {}

  record ImportJson(@NotEmpty List<@Valid ContactJson> contacts) {}

  record Imported(int published, List<String> contactIds) {}

  private final ContactCsv csv;
  private final ContactPublisher publisher;
  private final Clock clock;

  ContactImportController(ContactCsv csv, ContactPublisher publisher, Clock clock) {
    this.csv = csv;
    this.publisher = publisher;
    this.clock = clock;
  }

  @PostMapping(consumes = "text/csv")
  ResponseEntity<Imported> importCsv(@PathVariable String tenantId, @RequestBody String body) {
    return published(csv.read(tenantId, new StringReader(body)));
  }

  @PostMapping(consumes = "application/json")
  ResponseEntity<Imported> importJson(@PathVariable String tenantId, @Valid @RequestBody ImportJson body) {
    List<ContactRow> rows = new ArrayList<>();
    for (int i = 0; i < body.contacts().size(); i++) {
      var contact = body.contacts().get(i);
      rows.add(new ContactRow("contacts[" + i + "]", contact.contactId(), contact.name(), contact.emails(),
          contact.attributes() == null ? java.util.Map.of() : contact.attributes()));
    }
    return published(ContactRow.toEvents(tenantId, rows, clock.instant()));
  }

  @DeleteMapping("/{contactId}")
  ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String contactId) {
    publisher.delete(new ContactKey(tenantId, contactId));
    return ResponseEntity.noContent().build();
  }

  private ResponseEntity<Imported> published(List<ContactChanged> contacts) {
    publisher.publish(contacts);
    return ResponseEntity.accepted().body(new Imported(contacts.size(), contacts.stream().map(ContactChanged::contactId).toList()));
  }

  @ExceptionHandler
  ProblemDetail invalidContacts(InvalidContactsException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "No contact was imported: " + e.problems().size() + " invalid contact(s). Fix them and send the whole import again.");
    problem.setTitle("Invalid contacts");
    problem.setType(URI.create("urn:emailsync:problem:invalid-contacts"));
    problem.setProperty("errors", e.problems().stream().map(p -> Map.of("at", p.at(), "message", p.message())).toList());
    return problem;
  }
}
