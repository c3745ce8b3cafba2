package com.emailsync.automation.trigger.web;

import com.emailsync.automation.trigger.Automations;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What fired for a contact, across the tenant's automations: for the contact's page in the CRM. */
@RestController
@Validated
class ContactFiringsController {

  private final Automations automations;

  ContactFiringsController(Automations automations) {
    this.automations = automations;
  }

  @GetMapping("/api/v1/tenants/{tenantId}/contacts/{contactId}/firings")
  FiringPage firings(
      @PathVariable String tenantId,
      @PathVariable @Size(max = 200) String contactId,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
      @RequestParam(required = false) @Nullable String cursor) {
    return FiringPage.of(automations.firingsForContact(tenantId, contactId, FiringPage.after(cursor), limit + 1), limit);
  }
}
