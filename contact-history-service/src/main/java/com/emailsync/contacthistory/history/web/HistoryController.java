package com.emailsync.contacthistory.history.web;

import com.emailsync.contacthistory.history.HistoryEntry;
import com.emailsync.contacthistory.history.HistoryRepository;
import com.emailsync.events.AttachmentInfo;
import com.emailsync.events.EmailAddress;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/tenants/{tenantId}")
class HistoryController {

  /** Formatting, links, tables and images survive; scripts, event handlers and styles that can run code do not. */
  private static final PolicyFactory SAFE_HTML =
      Sanitizers.FORMATTING
          .and(Sanitizers.BLOCKS)
          .and(Sanitizers.LINKS)
          .and(Sanitizers.TABLES)
          .and(Sanitizers.IMAGES)
          .and(new HtmlPolicyBuilder().allowElements("span", "div", "br", "hr").toFactory());

  private final HistoryRepository history;

  HistoryController(HistoryRepository history) {
    this.history = history;
  }

  @GetMapping("/contacts/{contactId}/history")
  Page history(
      @PathVariable String tenantId,
      @PathVariable String contactId,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
      @RequestParam(required = false) @Nullable String cursor) {
    List<HistoryEntry> entries = history.page(tenantId, contactId, decode(cursor), limit + 1);
    boolean more = entries.size() > limit;
    List<HistoryEntry> shown = more ? entries.subList(0, limit) : entries;
    return new Page(shown.stream().map(Summary::of).toList(), more ? encode(shown.getLast()) : null);
  }

  @GetMapping("/history/{entryId}")
  Entry entry(@PathVariable String tenantId, @PathVariable String entryId) {
    return history.find(tenantId, entryId).map(Entry::of).orElseThrow(() -> new EntryNotFound(entryId));
  }

  @ExceptionHandler
  ProblemDetail notFound(EntryNotFound e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("History entry not found");
    return problem;
  }

  @ExceptionHandler
  ProblemDetail badCursor(InvalidCursor e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid cursor");
    return problem;
  }

  private static String encode(HistoryEntry last) {
    String position = last.sentAt().toEpochMilli() + ":" + last.id();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  private static HistoryRepository.@Nullable Position decode(@Nullable String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 2);
      return new HistoryRepository.Position(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
    } catch (RuntimeException e) {
      throw new InvalidCursor();
    }
  }

  record Page(List<Summary> entries, @Nullable String nextCursor) {}

  record Summary(
      String id, String direction, Instant occurredAt, @Nullable String subject, EmailAddress from, List<EmailAddress> to,
      List<EmailAddress> cc, String snippet, String connectionId, String messageId) {
    static Summary of(HistoryEntry e) {
      return new Summary(e.id(), e.direction().name(), e.sentAt(), e.subject(), e.from(), e.to(), e.cc(), e.snippet(), e.connectionId(), e.messageId());
    }
  }

  record Entry(
      String id, String contactId, String direction, String role, Instant occurredAt, @Nullable String subject, EmailAddress from,
      List<EmailAddress> to, List<EmailAddress> cc, @Nullable String text, @Nullable String html, boolean bodyTruncated,
      List<AttachmentInfo> attachments, String connectionId, String messageId) {
    static Entry of(HistoryEntry e) {
      return new Entry(
          e.id(), e.contactId(), e.direction().name(), e.role().name(), e.sentAt(), e.subject(), e.from(), e.to(), e.cc(),
          e.textBody(), e.htmlBody() == null ? null : SAFE_HTML.sanitize(e.htmlBody()), e.bodyTruncated(), e.attachments(),
          e.connectionId(), e.messageId());
    }
  }

  static class EntryNotFound extends RuntimeException {
    EntryNotFound(String entryId) {
      super("No history entry " + entryId + " in this tenant.");
    }
  }

  static class InvalidCursor extends RuntimeException {
    InvalidCursor() {
      super("The cursor is not one this API returned; start again without it.");
    }
  }
}
