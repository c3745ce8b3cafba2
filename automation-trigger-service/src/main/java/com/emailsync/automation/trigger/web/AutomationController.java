package com.emailsync.automation.trigger.web;

import com.emailsync.automation.trigger.AutomationNotFound;
import com.emailsync.automation.trigger.Automations;
import com.emailsync.events.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.jspecify.annotations.Nullable;

@RestController
@Validated
@RequestMapping("/api/v1/tenants/{tenantId}/automations")
class AutomationController {

  private final Automations automations;

  AutomationController(Automations automations) {
    this.automations = automations;
  }

  @PostMapping
  ResponseEntity<AutomationView> create(@PathVariable String tenantId, Caller caller, @Valid @RequestBody AutomationRequest body) {
    var created = automations.create(tenantId, caller.userId(), body.spec());
    return ResponseEntity.created(URI.create("/api/v1/tenants/%s/automations/%s".formatted(tenantId, created.id()))).body(AutomationView.of(created));
  }

  @GetMapping
  List<AutomationView> list(@PathVariable String tenantId) {
    return automations.list(tenantId).stream().map(AutomationView::of).toList();
  }

  @GetMapping("/{automationId}")
  AutomationView get(@PathVariable String tenantId, @PathVariable String automationId) {
    return AutomationView.of(automations.get(tenantId, automationId));
  }

  @PutMapping("/{automationId}")
  AutomationView update(@PathVariable String tenantId, @PathVariable String automationId, @Valid @RequestBody AutomationRequest body) {
    return AutomationView.of(automations.update(tenantId, automationId, body.spec()));
  }

  @DeleteMapping("/{automationId}")
  ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String automationId) {
    automations.delete(tenantId, automationId);
    return ResponseEntity.noContent().build();
  }

  /** An automation's firings, newest first, a page at a time: pass the returned {@code nextCursor} for the next. */
  @GetMapping("/{automationId}/firings")
  FiringPage firings(
      @PathVariable String tenantId,
      @PathVariable String automationId,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return FiringPage.of(automations.firings(tenantId, automationId, FiringPage.after(cursor), limit + 1), limit);
  }

  @ExceptionHandler
  ProblemDetail notFound(AutomationNotFound e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Automation not found");
    return problem;
  }

  /** A subject or body condition that cannot be used: a 400 naming the field, as a failed validation does. */
  @ExceptionHandler
  ProblemDetail invalidFilter(AutomationRequest.InvalidFilter e) {
    return com.emailsync.events.web.FieldProblems.invalid(e.field, e.getMessage());
  }

  @ExceptionHandler
  ProblemDetail bodyFiltersUnavailable(Automations.BodyFiltersUnavailable e) {
    return com.emailsync.events.web.FieldProblems.invalid("filters.body", e.getMessage());
  }
}
