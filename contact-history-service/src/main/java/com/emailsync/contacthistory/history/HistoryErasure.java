package com.emailsync.contacthistory.history;

import com.emailsync.contacthistory.catchup.MailIndex;
import com.emailsync.contacthistory.catchup.PendingCatchUps;
import com.emailsync.contacthistory.contacts.Addresses;
import com.emailsync.contacthistory.settings.HistorySettings;
import com.emailsync.contacthistory.settings.HistorySettingsStore;
import com.emailsync.events.ContactKey;
import com.emailsync.events.EntriesErased;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Takes entries out of contacts' histories, and says so with {@link EntriesErased} per contact, so that copies
 * downstream follow: a person's privacy request, a tenant's retention period, a deleted connection (when the tenant
 * erases with connections), and a merge (the merged contact's entries now belong to the survivor).
 */
public class HistoryErasure {

  static final int ANNOUNCED_PER_EVENT = 1000;
  private static final int CHUNK = 1000;
  /** Longer than a run takes; a run that dies holds its tenant no longer than this. */
  private static final Duration RETENTION_LEASE = Duration.ofMinutes(30);

  private final HistoryRepository history;
  private final HistorySettingsStore settings;
  private final MailIndex index;
  private final PendingCatchUps pending;
  private final ActivityPublisher activity;
  private final ErasureAnnouncements announcements;
  private final HistoryTombstones tombstones;
  private final Clock clock;

  public HistoryErasure(
      HistoryRepository history,
      HistorySettingsStore settings,
      MailIndex index,
      PendingCatchUps pending,
      ActivityPublisher activity,
      ErasureAnnouncements announcements,
      HistoryTombstones tombstones,
      Clock clock) {
    this.history = history;
    this.settings = settings;
    this.index = index;
    this.pending = pending;
    this.activity = activity;
    this.announcements = announcements;
    this.tombstones = tombstones;
    this.clock = clock;
  }

  /**
   * Everything logged about a person: the contact's entries, the bodies no other entry shows, the re-reads still asked
   * for, and the person's addresses in the index of recent mail.
   *
   * @param addresses the contact's addresses, when the directory knows them
   * @return how many entries were erased
   */
  public int eraseContact(String tenantId, String contactId, List<String> addresses) {
    // First: mail observed until now is not logged again, neither by a replay nor by a batch being written meanwhile.
    tombstones.erased(new ContactKey(tenantId, contactId), clock.instant());
    List<ErasedEntry> erased = history.eraseContact(tenantId, contactId);
    pending.deleteOfContact(tenantId, contactId);
    index.forget(tenantId, addresses.stream().map(Addresses::loose).collect(Collectors.toSet()));
    announce(erased, EntriesErased.Reason.CONTACT_ERASURE);
    return erased.size();
  }

  /** @return how many entries of the tenants with a retention period were older than it */
  public int applyRetention() {
    Instant now = clock.instant();
    int erased = 0;
    for (Map.Entry<String, HistorySettings> tenant : settings.withRetention().entrySet()) {
      if (!settings.claimRetentionRun(tenant.getKey(), now, RETENTION_LEASE)) {
        continue;
      }
      Instant before = now.minus(tenant.getValue().retention());
      erased += inChunks(limit -> history.eraseSentBefore(tenant.getKey(), before, limit), EntriesErased.Reason.RETENTION);
    }
    return erased;
  }

  /** @return how many entries the deleted connection had logged and its tenant erases with it */
  public int connectionDeleted(String connectionId) {
    var tenant = history.tenantOfConnection(connectionId);
    if (tenant.isEmpty() || !settings.of(tenant.get()).eraseWithConnection()) {
      return 0;
    }
    return inChunks(limit -> history.eraseOfConnection(connectionId, limit), EntriesErased.Reason.CONNECTION_DELETED);
  }

  /** Erases a chunk at a time, announcing each, until a chunk comes back short. */
  private int inChunks(IntFunction<List<ErasedEntry>> eraseUpTo, EntriesErased.Reason reason) {
    int erased = 0;
    List<ErasedEntry> chunk;
    do {
      chunk = eraseUpTo.apply(CHUNK);
      announce(chunk, reason);
      erased += chunk.size();
    } while (chunk.size() == CHUNK);
    return erased;
  }

  /** The merged contact's entries move to the survivor; downstream copies of the merged contact's go. */
  public void merged(String tenantId, String mergedContactId, String survivorContactId) {
    // First: mail matched to the merged contact from now on, or a moment ago, goes to the survivor.
    tombstones.merged(new ContactKey(tenantId, mergedContactId), survivorContactId);
    announce(history.moveContact(tenantId, mergedContactId, survivorContactId), EntriesErased.Reason.CONTACT_MERGED);
    pending.deleteOfContact(tenantId, mergedContactId);
  }

  /**
   * Publishes again, under the same event id, the announcements not known to be published a while after they were
   * made: the broker was away, or the listener transaction they joined was rolled back.
   */
  public void announceLeftovers(Duration olderThan, int limit) {
    for (EntriesErased announcement : announcements.savedBefore(clock.instant().minus(olderThan), limit)) {
      if (!activity.erased(announcement)) {
        throw new IllegalStateException("leftover erasure announcements are published in their own transaction");
      }
      announcements.published(announcement.eventId());
    }
  }

  /** Kept until known to be committed; one that joined a listener's transaction is confirmed by the leftovers job. */
  private void publish(EntriesErased announcement) {
    try {
      if (activity.erased(announcement)) {
        announcements.published(announcement.eventId());
      }
    } catch (RuntimeException e) {
      // The erasure itself is done and its announcement kept: the leftovers job sends it once the broker is back.
    }
  }

  private void announce(List<ErasedEntry> erased, EntriesErased.Reason reason) {
    Map<String, List<ErasedEntry>> byContact = new LinkedHashMap<>();
    erased.forEach(e -> byContact.computeIfAbsent(e.tenantId() + "\n" + e.contactId(), k -> new ArrayList<>()).add(e));
    for (List<ErasedEntry> ofContact : byContact.values()) {
      ErasedEntry first = ofContact.getFirst();
      for (int from = 0; from < ofContact.size(); from += ANNOUNCED_PER_EVENT) {
        List<String> ids = ofContact.subList(from, Math.min(ofContact.size(), from + ANNOUNCED_PER_EVENT)).stream().map(ErasedEntry::entryId).toList();
        var announcement = new EntriesErased(UUID.randomUUID(), clock.instant(), first.tenantId(), first.contactId(), ids, reason);
        announcements.save(announcement);
        publish(announcement);
      }
    }
  }
}
