package com.emailsync.automation.trigger.web;

import com.emailsync.automation.trigger.Automation;
import com.emailsync.automation.trigger.AutomationNotFound;
import com.emailsync.automation.trigger.Automations;
import com.emailsync.automation.trigger.Firing;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

@RestController
@Validated
@RequestMapping("/api/v1/tenants/{tenantId}/automations")
class AutomationController {

  private final Automations automations;

  AutomationController(Automations automations) {
    this.automations = automations;
  }

  record AutomationRequest(@NotBlank String name, @NotNull Automation.Trigger trigger, @NotNull Boolean enabled) {}

  @PostMapping
  ResponseEntity<Automation> create(@PathVariable String tenantId, @Valid @RequestBody AutomationRequest body) {
    Automation created = automations.create(tenantId, body.name(), body.trigger(), body.enabled());
    return ResponseEntity.created(URI.create("/api/v1/tenants/%s/automations/%s".formatted(tenantId, created.id()))).body(created);
  }

  @GetMapping
  List<Automation> list(@PathVariable String tenantId) {
    return automations.list(tenantId);
  }

  @GetMapping("/{automationId}")
  Automation get(@PathVariable String tenantId, @PathVariable String automationId) {
    return automations.get(tenantId, automationId);
  }

  @PutMapping("/{automationId}")
  Automation update(@PathVariable String tenantId, @PathVariable String automationId, @Valid @RequestBody AutomationRequest body) {
    return automations.update(tenantId, automationId, body.name(), body.trigger(), body.enabled());
  }

  @DeleteMapping("/{automationId}")
  ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String automationId) {
    automations.delete(tenantId, automationId);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/{automationId}/firings")
  List<Firing> firings(
      @PathVariable String tenantId, @PathVariable String automationId, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    return automations.firings(tenantId, automationId, limit);
  }

  @ExceptionHandler
  ProblemDetail notFound(AutomationNotFound e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Automation not found");
    return problem;
  }
}
