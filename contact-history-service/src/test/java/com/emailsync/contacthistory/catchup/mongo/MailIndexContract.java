package com.emailsync.contacthistory.catchup.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.emailsync.contacthistory.catchup.IndexedMail;
import com.emailsync.contacthistory.catchup.MailIndex;
import com.emailsync.events.MailboxLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every MailIndex must do, run against each store it is implemented for. */
interface MailIndexContract {

  Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  /** A fresh, empty index that keeps mail for 30 days before {@link #NOW}. */
  MailIndex index();

  static IndexedMail mail(String tenantId, String messageId, String folder, Instant sentAt, String... addresses) {
    return new IndexedMail(tenantId, messageId, "conn-1", new MailboxLocation(folder, 7, 42), sentAt, Set.of(addresses));
  }

  @Test
  default void findsATenantsRecentMailByAnyParticipantAndKeepsTheFirstLocation() {
    MailIndex index = index();
    index.add(List.of(mail("t1", "m-1", "INBOX", NOW.minus(Duration.ofDays(2)), "erin@customer.example", "sam@acme.example")));
    index.add(List.of(mail("t1", "m-1", "Customers", NOW.minus(Duration.ofDays(2)), "erin@customer.example", "sam@acme.example")));

    List<IndexedMail> found = index.find("t1", Set.of("erin@customer.example"), NOW.minus(Duration.ofDays(30)), 100);

    assertThat(found).extracting(IndexedMail::messageId).containsExactly("m-1");
    assertThat(found.getFirst().location()).isEqualTo(new MailboxLocation("INBOX", 7, 42));
    assertThat(found.getFirst().addresses()).containsExactlyInAnyOrder("erin@customer.example", "sam@acme.example");
    assertThat(index.find("t2", Set.of("erin@customer.example"), NOW.minus(Duration.ofDays(30)), 100)).isEmpty();
  }

  @Test
  default void findsOnlyMailSentSinceTheInstant() {
    MailIndex index = index();
    index.add(List.of(mail("t1", "m-old", "INBOX", NOW.minus(Duration.ofDays(10)), "erin@customer.example"), mail("t1", "m-new", "INBOX", NOW.minus(Duration.ofDays(1)), "erin@customer.example")));

    assertThat(index.find("t1", Set.of("erin@customer.example"), NOW.minus(Duration.ofDays(5)), 100)).extracting(IndexedMail::messageId).containsExactly("m-new");
  }

  @Test
  default void doesNotKeepMailOlderThanItsRetention() {
    MailIndex index = index();
    index.add(List.of(mail("t1", "m-ancient", "INBOX", NOW.minus(Duration.ofDays(31)), "erin@customer.example")));

    assertThat(index.find("t1", Set.of("erin@customer.example"), Instant.EPOCH, 100)).isEmpty();
  }
}
