package com.emailsync.contacthistory.contacts.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.contacthistory.contacts.Contact;
import com.emailsync.contacthistory.contacts.ContactDirectory;
import com.emailsync.events.ContactKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every ContactDirectory must do, run against each store it is implemented for. */
interface ContactDirectoryContract {

  /** A fresh, empty directory. */
  ContactDirectory directory();

  @Test
  default void keepsContactsOfTwoTenantsWithTheSameIdApart() {
    ContactDirectory directory = directory();
    Contact ann = new Contact(new ContactKey("t1", "c-ann"), "Ann", List.of("ann@one.example"));
    Contact otherAnn = new Contact(new ContactKey("t1d", "c-ann"), "Ann D", List.of("ann@one.example", "ann@two.example"));
    directory.save(ann, Set.of());
    directory.save(otherAnn, Set.of());

    assertThat(directory.findByAddresses(Map.of("t1", Set.of("ann@one.example")))).containsExactly(ann);
    assertThat(directory.findByAddresses(Map.of("t1d", Set.of("ann@two.example")))).containsExactly(otherAnn);

    assertThat(directory.find(new ContactKey("t1", "c-ann"))).contains(new ContactDirectory.Stored(ann, Set.of()));
    assertThat(directory.find(new ContactKey("t1d", "c-ann"))).contains(new ContactDirectory.Stored(otherAnn, Set.of()));

    directory.delete(otherAnn.key());
    assertThat(directory.find(otherAnn.key())).isEmpty();
    assertThat(directory.findByAddresses(Map.of("t1", Set.of("ann@one.example"), "t1d", Set.of("ann@one.example")))).containsExactly(ann);
  }

  @Test
  default void findsTheContactsOfManyTenantsInOneLookupButOnlyByTheirOwnTenantsAddresses() {
    ContactDirectory directory = directory();
    Contact carla = new Contact(new ContactKey("t1", "carla"), null, List.of("carla@customer.example"));
    Contact dave = new Contact(new ContactKey("t2", "dave"), null, List.of("dave@customer.example"));
    directory.save(carla, Set.of());
    directory.save(dave, Set.of());

    assertThat(directory.findByAddresses(Map.of("t1", Set.of("carla@customer.example", "dave@customer.example"), "t2", Set.of("dave@customer.example"))))
        .containsExactlyInAnyOrder(carla, dave);
    assertThat(directory.findByAddresses(Map.of("t2", Set.of("carla@customer.example")))).isEmpty();
    assertThat(directory.findByAddresses(Map.of())).isEmpty();
  }

  @Test
  default void keepsTheAddressesAwaitingCatchUpUntilTheyAreCaughtUp() {
    ContactDirectory directory = directory();
    Contact erin = new Contact(new ContactKey("t1", "erin"), "Erin", List.of("erin@customer.example"));
    directory.save(erin, Set.of("erin@customer.example"));
    assertThat(directory.find(erin.key())).get().extracting(ContactDirectory.Stored::awaitingCatchUp).isEqualTo(Set.of("erin@customer.example"));

    directory.caughtUp(erin.key());

    assertThat(directory.find(erin.key())).contains(new ContactDirectory.Stored(erin, Set.of()));
  }

  @Test
  default void keepsWhenEachAddressWasFirstKnown() {
    ContactDirectory directory = directory();
    Instant monday = Instant.parse("2026-11-23T09:00:00Z");
    Contact carla = new Contact(new ContactKey("t1", "carla"), "Carla", List.of("carla@work.example", "carla@home.example"),
        Map.of("carla@work.example", monday, "carla@home.example", monday.plusSeconds(86_400)));
    directory.save(carla, Set.of());

    Contact stored = directory.find(carla.key()).orElseThrow().contact();

    assertThat(stored.knownSince("carla@work.example")).isEqualTo(monday);
    assertThat(stored.knownSince("carla@home.example")).isEqualTo(monday.plusSeconds(86_400));
  }

  @Test
  default void anUpdateReplacesTheAddresses() {
    ContactDirectory directory = directory();
    directory.save(new Contact(new ContactKey("t1", "carla"), "Carla", List.of("carla@old.example")), Set.of());
    Contact moved = new Contact(new ContactKey("t1", "carla"), "Carla", List.of("carla@new.example"));
    directory.save(moved, Set.of());

    assertThat(directory.findByAddresses(Map.of("t1", Set.of("carla@old.example")))).isEmpty();
    assertThat(directory.findByAddresses(Map.of("t1", Set.of("carla@new.example")))).containsExactly(moved);
  }
}
