package com.emailsync.contacthistory.history;

import com.emailsync.contacthistory.catchup.IndexedMail;
import com.emailsync.contacthistory.catchup.MailIndex;
import com.emailsync.contacthistory.contacts.Addresses;
import com.emailsync.contacthistory.contacts.Contact;
import com.emailsync.contacthistory.contacts.ContactDirectory;
import com.emailsync.contacthistory.settings.HistorySettings;
import com.emailsync.contacthistory.settings.HistorySettingsStore;
import com.emailsync.contacthistory.settings.SuggestionPolicy;
import com.emailsync.contacthistory.settings.Visibility;
import com.emailsync.events.ContactEmailLogged;
import com.emailsync.events.ContactSuggested;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import com.emailsync.events.MailOrigin;
import com.emailsync.events.MailMessage;
import com.emailsync.events.StableId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Logs emails into the history of every CRM contact taking part in them, exactly once per contact and message; mail
 * with no contact in it is not stored. Works on a batch: one contact lookup and one bulk write serve all its mail.
 */
public class EmailLogging {

  private static final int SNIPPET_LENGTH = 200;

  private final ContactDirectory contacts;
  private final HistorySettingsStore settingsStore;
  private final MailIndex index;
  private final HistoryRepository history;
  private final ActivityPublisher activity;
  private final SuggestionLedger suggestionLedger;
  private final TombstoneFence fence;
  private final Clock clock;

  public EmailLogging(
      ContactDirectory contacts,
      HistorySettingsStore settingsStore,
      MailIndex index,
      HistoryRepository history,
      ActivityPublisher activity,
      SuggestionLedger suggestionLedger,
      HistoryTombstones tombstones,
      Clock clock) {
    this.contacts = contacts;
    this.settingsStore = settingsStore;
    this.index = index;
    this.history = history;
    this.activity = activity;
    this.suggestionLedger = suggestionLedger;
    this.fence = new TombstoneFence(tombstones);
    this.clock = clock;
  }

  /**
   * @param stored how many entries were newly stored
   * @param rejected emails that could not be turned into entries, by event id, with the reason: they must not hold up
   *     the rest of the batch
   */
  public record Outcome(int stored, Map<UUID, String> rejected) {}

  public Outcome log(List<EmailEvent> emails) {
    Map<String, HistorySettings> settings = settingsStore.of(emails.stream().map(EmailEvent::tenantId).collect(Collectors.toSet()));
    // Every synced mail (live or backfilled; caught-up mail is in already), with or without a contact today: a contact
    // added tomorrow is caught up from this index. Indexed before the contacts are looked up, as a new contact is saved
    // before the index is searched: whichever way the two interleave, one of them sees the other.
    index.add(emails.stream().filter(e -> e.origin() != MailOrigin.CATCH_UP).map(IndexedMail::of).toList());

    Map<UUID, Map<String, ContactEmailLogged.Role>> roles = new HashMap<>();
    Map<String, Set<String>> addressesByTenant = new HashMap<>();
    for (EmailEvent email : emails) {
      Map<String, ContactEmailLogged.Role> byKey = Participants.of(email, settings.get(email.tenantId()).forConnection(email.connectionId()));
      roles.put(email.eventId(), byKey);
      // The directory is searched loosely, a superset of either way of matching; the tenant's own way narrows below.
      byKey.keySet().forEach(key -> addressesByTenant.computeIfAbsent(email.tenantId(), t -> new LinkedHashSet<>()).add(Addresses.loose(key)));
    }
    Map<String, List<Contact>> contactsByKey = byTenantAndKey(contacts.findByAddresses(addressesByTenant), settings);

    List<TombstoneFence.Candidate> candidates = new ArrayList<>();
    Map<UUID, String> rejected = new LinkedHashMap<>();
    for (EmailEvent email : emails) {
      try {
        Instant observedAt = observedAt(email);
        entriesOf(email, roles.get(email.eventId()), contactsByKey, settings.get(email.tenantId()))
            .forEach(entry -> candidates.add(new TombstoneFence.Candidate(entry, observedAt)));
      } catch (RuntimeException e) {
        rejected.put(email.eventId(), "could not be logged: " + e);
      }
    }

    List<HistoryEntry> news = new ArrayList<>();
    int stored = 0;
    for (Written written : storeFenced(candidates)) {
      if (written.outcome() != HistoryRepository.Stored.DUPLICATE) {
        news.add(written.entry());
      }
      if (written.outcome() == HistoryRepository.Stored.NEW) {
        stored++;
      }
    }
    news.stream().map(this::logged).forEach(activity::publish);
    suggest(emails, roles, contactsByKey, settings);
    return new Outcome(stored, rejected);
  }

  /**
   * When the mail counts as seen for an erasure: the earlier of when the worker read it and when it was sent, as a
   * resync reads old mail again under a new read time; for mail re-read to catch a contact up, when it was sent.
   */
  private static Instant observedAt(EmailEvent email) {
    Instant sent = email.message().sentAt();
    return email.origin() == MailOrigin.LIVE && email.occurredAt().isBefore(sent) ? email.occurredAt() : sent;
  }

  private record Written(HistoryEntry entry, HistoryRepository.Stored outcome) {}

  /**
   * Stores the entries the tombstones let through, then asks the tombstones again about those written: an erasure or
   * merge recorded meanwhile began after the contacts were matched and may have missed this write, so what it covers
   * is taken back here (a merged contact's entry moves to the survivor) before anything is announced.
   */
  private List<Written> storeFenced(List<TombstoneFence.Candidate> candidates) {
    List<TombstoneFence.Candidate> allowed = let(candidates, fence.apply(candidates));
    List<HistoryRepository.Stored> outcomes = history.storeAll(allowed.stream().map(TombstoneFence.Candidate::entry).toList());
    List<Written> written = new ArrayList<>();
    List<TombstoneFence.Candidate> toCheck = new ArrayList<>();
    for (int i = 0; i < allowed.size(); i++) {
      if (outcomes.get(i) != HistoryRepository.Stored.DUPLICATE) {
        toCheck.add(allowed.get(i));
        written.add(new Written(allowed.get(i).entry(), outcomes.get(i)));
      }
    }
    List<@Nullable HistoryEntry> verdicts = fence.apply(toCheck);
    List<Written> kept = new ArrayList<>();
    List<HistoryEntry> moved = new ArrayList<>();
    List<String> takenBack = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      HistoryEntry entry = written.get(i).entry();
      HistoryEntry verdict = verdicts.get(i);
      if (verdict != null && verdict.id().equals(entry.id())) {
        kept.add(written.get(i));
        continue;
      }
      takenBack.add(entry.id());
      if (verdict != null) {
        moved.add(verdict);
      }
    }
    List<HistoryRepository.Stored> movedOutcomes = history.storeAll(moved);
    for (int i = 0; i < moved.size(); i++) {
      kept.add(new Written(moved.get(i), movedOutcomes.get(i)));
    }
    // Never announced, so nothing downstream to tell: the erasure or merge announces what it took itself.
    history.eraseEntries(takenBack);
    return kept;
  }

  /**
   * The candidates the verdicts let through, each with the entry its verdict names; one per entry and mail event, as
   * two contacts on one mail both merged into the same survivor make one entry, in the survivor's weightiest role.
   * (Copies from other events stay: the repository tells a redelivery from a duplicate by them.)
   */
  private static List<TombstoneFence.Candidate> let(List<TombstoneFence.Candidate> candidates, List<@Nullable HistoryEntry> verdicts) {
    Map<String, TombstoneFence.Candidate> allowed = new LinkedHashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      HistoryEntry verdict = verdicts.get(i);
      if (verdict != null) {
        TombstoneFence.Candidate candidate = new TombstoneFence.Candidate(verdict, candidates.get(i).observedAt());
        allowed.merge(verdict.id() + "\n" + verdict.sourceEventId(), candidate, (a, b) -> a.entry().role().compareTo(b.entry().role()) <= 0 ? a : b);
      }
    }
    return List.copyOf(allowed.values());
  }

  /**
   * The people the tenant corresponds with who are no contacts, once per tenant and address, when its policy asks:
   * the CRM decides whether they become contacts; nothing here invents one.
   */
  private void suggest(
      List<EmailEvent> emails,
      Map<UUID, Map<String, ContactEmailLogged.Role>> roles,
      Map<String, List<Contact>> contactsByKey,
      Map<String, HistorySettings> settings) {
    Map<String, ContactSuggested> candidates = new LinkedHashMap<>();
    for (EmailEvent email : emails) {
      SuggestionPolicy policy = settings.get(email.tenantId()).forConnection(email.connectionId()).suggestions();
      if (policy == SuggestionPolicy.OFF || email.origin() != MailOrigin.LIVE) {
        continue;
      }
      roles.get(email.eventId()).forEach((key, role) -> {
        boolean wroteTo = email.direction() == EmailEvent.Direction.SENT && role != ContactEmailLogged.Role.FROM;
        boolean wroteIn = email.direction() == EmailEvent.Direction.RECEIVED && role == ContactEmailLogged.Role.FROM;
        boolean wanted = wroteTo || (wroteIn && policy == SuggestionPolicy.BOTH_DIRECTIONS);
        if (wanted && !contactsByKey.containsKey(indexKey(email.tenantId(), key))) {
          candidates.putIfAbsent(email.tenantId() + "\n" + key, suggestion(email, key, settings.get(email.tenantId())));
        }
      });
    }
    List<ContactSuggested> suggestions = List.copyOf(candidates.values());
    List<HistoryRepository.Stored> outcomes = suggestionLedger.record(suggestions);
    for (int i = 0; i < suggestions.size(); i++) {
      if (outcomes.get(i) != HistoryRepository.Stored.DUPLICATE) {
        activity.suggested(suggestions.get(i));
      }
    }
  }

  /** Its id follows from the tenant, the address and the mail, so a redelivery publishes the same event again. */
  private ContactSuggested suggestion(EmailEvent email, String key, HistorySettings settings) {
    MailMessage message = email.message();
    String name = message.participants().stream()
        .filter(a -> settings.matchKey(Addresses.exact(a.address())).equals(key))
        .map(EmailAddress::name)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
    return new ContactSuggested(
        StableId.uuid(email.tenantId(), key, email.eventId().toString()),
        clock.instant(),
        email.tenantId(),
        key,
        name,
        email.connectionId(),
        email.ownerUserId(),
        email.direction(),
        message.messageId(),
        message.sentAt());
  }

  private static List<HistoryEntry> entriesOf(
      EmailEvent email, Map<String, ContactEmailLogged.Role> roles, Map<String, List<Contact>> contactsByKey, HistorySettings settings) {
    // An address shared by two contacts logs the mail for both; a contact with two addresses on it gets one entry.
    Map<String, Contact> matched = new LinkedHashMap<>();
    for (String key : roles.keySet()) {
      for (Contact contact : contactsByKey.getOrDefault(indexKey(email.tenantId(), key), List.of())) {
        matched.putIfAbsent(contact.contactId(), contact);
      }
    }
    return matched.values().stream()
        .map(contact -> {
          List<String> present = contact.addresses().stream().filter(a -> roles.containsKey(settings.matchKey(a))).toList();
          ContactEmailLogged.Role role = present.stream().map(a -> roles.get(settings.matchKey(a))).min(Enum::compareTo).orElseThrow();
          return entry(email, contact.contactId(), role, originFor(email, contact, present), settings.visibilityOf(email.connectionId()));
        })
        .toList();
  }

  private static Map<String, List<Contact>> byTenantAndKey(List<Contact> found, Map<String, HistorySettings> settings) {
    Map<String, List<Contact>> index = new HashMap<>();
    for (Contact contact : found) {
      HistorySettings tenant = settings.get(contact.tenantId());
      for (String address : contact.addresses()) {
        index.computeIfAbsent(indexKey(contact.tenantId(), tenant.matchKey(address)), k -> new ArrayList<>()).add(contact);
      }
    }
    return index;
  }

  private static String indexKey(String tenantId, String matchKey) {
    return tenantId + "\n" + matchKey;
  }

  /**
   * Caught-up mail is news all the same when it was sent after the contact (with this address) was in the CRM: the
   * directory merely learned of the contact late (at start-up, under lag). Only mail sent before is old history.
   */
  private static MailOrigin originFor(EmailEvent email, Contact contact, List<String> addressesOnTheMail) {
    if (email.origin() != MailOrigin.CATCH_UP) {
      // Live mail is news; backfilled mail was in the mailbox before the connection, history whoever it is from.
      return email.origin();
    }
    Instant knownSince = addressesOnTheMail.stream().map(contact::knownSince).min(Instant::compareTo).orElseThrow();
    return email.message().sentAt().isBefore(knownSince) ? MailOrigin.CATCH_UP : MailOrigin.LIVE;
  }

  /** Only what the connection's visibility allows is kept: a mail logged as metadata never had its text stored. */
  private static HistoryEntry entry(
      EmailEvent email, String contactId, ContactEmailLogged.Role role, MailOrigin origin, Visibility visibility) {
    MailMessage message = email.message();
    boolean summary = visibility.shows(Visibility.SUMMARY);
    boolean full = visibility.shows(Visibility.FULL);
    return new HistoryEntry(
        StableId.of(email.tenantId(), contactId, message.messageId()),
        email.tenantId(),
        contactId,
        email.connectionId(),
        email.direction(),
        role,
        message.messageId(),
        summary ? message.subject() : null,
        message.from(),
        message.to(),
        message.cc(),
        message.sentAt(),
        summary ? snippet(message) : "",
        full ? message.textBody() : null,
        full ? message.htmlBody() : null,
        message.bodyTruncated(),
        full ? message.attachments() : List.of(),
        email.eventId(),
        origin,
        message.headers().threadKey(message.messageId()),
        message.headers().autoReply(),
        message.headers().bulk(),
        message.headers().sentByAutomation(),
        email.location().folder());
  }

  /**
   * The event id follows from the entry and the mail event it was made from: publishing it again (a redelivery, a
   * replay of the messages topic) repeats the same CloudEvent, which consumers that keep ids recognise.
   */
  private ContactEmailLogged logged(HistoryEntry entry) {
    return new ContactEmailLogged(
        StableId.uuid(entry.id(), entry.sourceEventId().toString()),
        clock.instant(),
        entry.id(),
        entry.tenantId(),
        entry.contactId(),
        entry.connectionId(),
        entry.direction(),
        entry.role(),
        entry.messageId(),
        entry.subject(),
        entry.from(),
        entry.sentAt(),
        entry.sourceEventId(),
        entry.origin(),
        entry.threadKey(),
        entry.role() == ContactEmailLogged.Role.FROM,
        entry.autoReply(),
        entry.bulk(),
        entry.sentByAutomation(),
        entry.folder());
  }

  /** Plain text for a list view: the mail's plain text ({@link HistoryEntry#plainText}), cut short. */
  static String snippet(MailMessage message) {
    String collapsed = HistoryEntry.plainText(message.textBody(), message.htmlBody());
    return collapsed.length() <= SNIPPET_LENGTH ? collapsed : collapsed.substring(0, SNIPPET_LENGTH) + "…";
  }
}
