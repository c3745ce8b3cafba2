package com.emailsync.localstack.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.emailsync.events.ContactChanged;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactCsvTest {

  private final ContactCsv csv = new ContactCsv(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void readsOneContactPerRowWithQuotedNamesAndSeveralAddresses() {
    List<ContactChanged> contacts =
        csv.read("acme", new StringReader("""
            contactId,name,emails
            c-1,"Customer, Carla",Carla@Customer.example
            c-2,,dave@customer.example; d.customer@customer.example

            """));

    assertThat(contacts).extracting(ContactChanged::contactId).containsExactly("c-1", "c-2");
    assertThat(contacts.get(0).name()).isEqualTo("Customer, Carla");
    assertThat(contacts.get(0).emails()).containsExactly("carla@customer.example");
    assertThat(contacts.get(1).name()).isNull();
    assertThat(contacts.get(1).emails()).containsExactly("dave@customer.example", "d.customer@customer.example");
    assertThat(contacts).allSatisfy(c -> {
      assertThat(c.tenantId()).isEqualTo("acme");
      assertThat(c.occurredAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    });
  }

  @Test
  void acceptsTheColumnsInAnyOrder() {
    assertThat(csv.read("acme", new StringReader("emails,contactId,name\ncarla@customer.example,c-1,Carla\n")))
        .singleElement()
        .satisfies(c -> assertThat(c.contactId()).isEqualTo("c-1"));
  }

  @Test
  void takesEveryOtherColumnAsTheContactsCrmFieldsLeavingEmptyCellsOut() {
    List<ContactChanged> contacts = csv.read("acme", new StringReader("contactId,name,emails,segment,lifecycle\nc-1,Carla,carla@customer.example,enterprise,\n"));

    assertThat(contacts).singleElement().satisfies(c -> assertThat(c.attributes()).containsExactly(java.util.Map.entry("segment", "enterprise")));
  }

  @Test
  void reportsEveryBadRowWithItsLineAndImportsNothing() {
    String file = """
        contactId,name,emails
        c-1,Carla,carla@customer.example
        c-2,Dave,
        c-3,Erin,not-an-address
        c-4,Frank,Frank <frank@customer.example>
        c-5,Grace
        """;

    assertThatThrownBy(() -> csv.read("acme", new StringReader(file)))
        .isInstanceOfSatisfying(InvalidContactsException.class, e -> assertThat(e.problems())
            .extracting(InvalidContactsException.Problem::at)
            .containsExactly("line 3", "line 4", "line 5", "line 6"));
  }

  @Test
  void stopsAtARowWithTheWrongNumberOfColumns() {
    assertThatThrownBy(() -> csv.read("acme", new StringReader("contactId,name,emails\nc-1,Carla\n")))
        .isInstanceOfSatisfying(InvalidContactsException.class, e -> assertThat(e.problems())
            .singleElement()
            .satisfies(p -> assertThat(p.at() + ": " + p.message()).isEqualTo("line 2: expected 3 columns, found 2")));
  }

  @Test
  void namesTheMissingColumnsOfAWrongHeader() {
    assertThatThrownBy(() -> csv.read("acme", new StringReader("id,email\nc-1,carla@customer.example\n")))
        .isInstanceOfSatisfying(InvalidContactsException.class, e -> assertThat(e.problems())
            .singleElement()
            .satisfies(p -> assertThat(p.message()).contains("missing [contactId, name, emails]")));
  }
}
