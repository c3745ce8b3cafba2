package com.emailsync.contacthistory.history.web;

import com.emailsync.contacthistory.history.HistoryRepository;
import com.emailsync.contacthistory.settings.HistorySettingsStore;
import com.emailsync.contacthistory.settings.Visibility;
import com.emailsync.events.internal.MailText;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal API the trigger service calls, with its service token, for automations that filter on the body
 * ({@link MailText}); users cannot reach it. The tenant's visibility now decides, as for its users: a body the tenant
 * no longer shows is not given out.
 */
@RestController
class InternalHistoryController {

  private final HistoryRepository history;
  private final HistorySettingsStore settings;

  InternalHistoryController(HistoryRepository history, HistorySettingsStore settings) {
    this.history = history;
    this.settings = settings;
  }

  @GetMapping(MailText.PATH)
  MailText.Answer text(@PathVariable String tenantId, @PathVariable String entryId) {
    var tenant = settings.of(tenantId);
    return history.find(tenantId, entryId)
        .filter(entry -> tenant.visibilityOf(entry.connectionId()).shows(Visibility.FULL))
        .filter(entry -> entry.textBody() != null || entry.htmlBody() != null)
        .map(entry -> new MailText.Answer(entry.plainText()))
        .orElseThrow(() -> new NoText(entryId));
  }

  static final class NoText extends RuntimeException {
    NoText(String entryId) {
      super("No text is kept for history entry " + entryId + " (gone, or its tenant keeps no bodies).");
    }
  }

  @ExceptionHandler
  ProblemDetail noText(NoText e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("No text");
    return problem;
  }
}
