package com.emailsync.contacthistory.history.web;

import com.emailsync.events.web.PageCursor;

import com.emailsync.contacthistory.history.ContactSummary;
import com.emailsync.contacthistory.contacts.ContactDirectory;
import com.emailsync.contacthistory.history.HistoryEntry;
import com.emailsync.contacthistory.history.HistoryErasure;
import com.emailsync.contacthistory.history.HistoryQuery;
import com.emailsync.contacthistory.settings.HistorySettings;
import com.emailsync.contacthistory.settings.HistorySettingsStore;
import com.emailsync.contacthistory.settings.Visibility;
import com.emailsync.contacthistory.history.HistoryRepository;
import com.emailsync.events.AttachmentInfo;
import com.emailsync.events.ContactKey;
import com.emailsync.events.EmailAddress;
import com.emailsync.events.EmailEvent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants/{tenantId}")
class HistoryController {

  /** Entry ids are {@code StableId}s: 32 hex digits. */
  private static final java.util.regex.Pattern ENTRY_ID = java.util.regex.Pattern.compile("[0-9a-f]{32}");

  private final HistoryRepository history;
  private final HistoryErasure erasure;
  private final ContactDirectory contacts;
  private final HistorySettingsStore settings;

  HistoryController(HistoryRepository history, HistoryErasure erasure, ContactDirectory contacts, HistorySettingsStore settings) {
    this.history = history;
    this.settings = settings;
    this.erasure = erasure;
    this.contacts = contacts;
  }

  /**
   * A privacy request: everything logged about the contact goes (entries, the bodies no other entry shows, the
   * person's addresses in the index of recent mail), and {@code EntriesErased} tells downstream copies.
   */
  @DeleteMapping("/contacts/{contactId}/history")
  Erased erase(@PathVariable String tenantId, @PathVariable String contactId) {
    List<String> addresses = contacts.find(new ContactKey(tenantId, contactId)).map(known -> known.contact().addresses()).orElse(List.of());
    return new Erased(erasure.eraseContact(tenantId, contactId, addresses));
  }

  record Erased(int erased) {}

  /**
   * A contact's entries, newest first, a page at a time: pass the returned {@code nextCursor} to get the next one.
   * Filters narrow it: direction, connection, when it was sent ({@code from} inclusive, {@code to} exclusive), and
   * words in the subject or a body.
   */
  @GetMapping("/contacts/{contactId}/history")
  Page history(
      @PathVariable String tenantId,
      @PathVariable String contactId,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) EmailEvent.@Nullable Direction direction,
      @RequestParam(required = false) @Nullable @Size(max = 200) String connectionId,
      @RequestParam(required = false) @Nullable Instant from,
      @RequestParam(required = false) @Nullable Instant to,
      @RequestParam(required = false) @Nullable @Size(max = 200) String q) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new InvalidRange();
    }
    HistorySettings tenant = settings.of(tenantId);
    var query = new HistoryQuery(tenantId, contactId, direction, connectionId, from, to, q, tenant.visibility(), tenant.connectionVisibility());
    List<HistoryEntry> entries = history.page(query, decode(cursor), limit + 1);
    boolean more = entries.size() > limit;
    List<HistoryEntry> shown = more ? entries.subList(0, limit) : entries;
    return new Page(shown.stream().map(e -> Summary.of(e, tenant.visibilityOf(e.connectionId()))).toList(), more ? encode(shown.getLast()) : null);
  }

  @GetMapping("/contacts/{contactId}/summary")
  ContactSummary summary(@PathVariable String tenantId, @PathVariable String contactId) {
    return history.summary(tenantId, contactId);
  }

  /** The whole entry; remote images in its HTML are left out unless {@code remoteImages=show}. */
  @GetMapping("/history/{entryId}")
  Entry entry(
      @PathVariable String tenantId,
      @PathVariable String entryId,
      @RequestParam(defaultValue = "block") @Pattern(regexp = "block|show") String remoteImages) {
    HistorySettings tenant = settings.of(tenantId);
    return history.find(tenantId, entryId)
        .map(e -> Entry.of(e, tenant.visibilityOf(e.connectionId()), remoteImages.equals("show")))
        .orElseThrow(() -> new EntryNotFound(entryId));
  }

  @ExceptionHandler
  ProblemDetail notFound(EntryNotFound e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("History entry not found");
    return problem;
  }

  @ExceptionHandler
  ProblemDetail badRequest(InvalidQuery e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle(e.title);
    return problem;
  }

  private static String encode(HistoryEntry last) {
    return PageCursor.encode(last.sentAt(), last.id());
  }

  private static HistoryRepository.@Nullable Position decode(@Nullable String cursor) {
    PageCursor.Position position = PageCursor.decode(cursor, ENTRY_ID);
    return position == null ? null : new HistoryRepository.Position(position.at(), position.id());
  }

  record Page(List<Summary> entries, @Nullable String nextCursor) {}

  record Summary(
      String id, String direction, Instant occurredAt, @Nullable String subject, EmailAddress from, List<EmailAddress> to,
      List<EmailAddress> cc, String snippet, String connectionId, String messageId) {
    /** No more than the visibility allows now, whatever was kept when the entry was stored. */
    static Summary of(HistoryEntry e, Visibility visibility) {
      boolean summary = visibility.shows(Visibility.SUMMARY);
      return new Summary(e.id(), e.direction().name(), e.sentAt(), summary ? e.subject() : null, e.from(), e.to(), e.cc(),
          summary ? e.snippet() : "", e.connectionId(), e.messageId());
    }
  }

  record Entry(
      String id, String contactId, String direction, String role, Instant occurredAt, @Nullable String subject, EmailAddress from,
      List<EmailAddress> to, List<EmailAddress> cc, @Nullable String text, @Nullable String html, int remoteImagesBlocked,
      boolean bodyTruncated, List<AttachmentInfo> attachments, String connectionId, String messageId, String origin) {
    /** No more than the visibility allows now, whatever was kept when the entry was stored. */
    static Entry of(HistoryEntry e, Visibility visibility, boolean remoteImages) {
      boolean full = visibility.shows(Visibility.FULL);
      DisplayHtml.Shown html = !full || e.htmlBody() == null ? null : DisplayHtml.of(e.htmlBody(), remoteImages);
      return new Entry(
          e.id(), e.contactId(), e.direction().name(), e.role().name(), e.sentAt(), visibility.shows(Visibility.SUMMARY) ? e.subject() : null,
          e.from(), e.to(), e.cc(), full ? e.textBody() : null, html == null ? null : html.html(), html == null ? 0 : html.remoteImagesBlocked(),
          e.bodyTruncated(), full ? e.attachments() : List.of(), e.connectionId(), e.messageId(), e.origin().name());
    }
  }

  static class EntryNotFound extends RuntimeException {
    EntryNotFound(String entryId) {
      super("No history entry " + entryId + " in this tenant.");
    }
  }

  static class InvalidQuery extends RuntimeException {
    final String title;

    InvalidQuery(String title, String detail) {
      super(detail);
      this.title = title;
    }
  }

  static class InvalidRange extends InvalidQuery {
    InvalidRange() {
      super("Invalid date range", "'from' must be before 'to'.");
    }
  }
}
