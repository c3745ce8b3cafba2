package com.emailsync.connection.discovery.web;

import com.emailsync.connection.discovery.MailSettingsDiscovery;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET .../mail-settings?emailAddress=}: the IMAP settings to suggest before a user connects a mailbox. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/mail-settings")
class MailSettingsController {

  private final MailSettingsDiscovery discovery;

  MailSettingsController(MailSettingsDiscovery discovery) {
    this.discovery = discovery;
  }

  @GetMapping
  ResponseEntity<?> suggest(@PathVariable String tenantId, @RequestParam @NotBlank @Email @Size(max = 320) String emailAddress) {
    return discovery.discover(emailAddress)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> {
          var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
              "No IMAP settings are known for the domain of " + emailAddress
                  + ": it is no provider known here and publishes no IMAP SRV records. Ask the mail provider for its IMAP host, port and security.");
          problem.setType(URI.create("https://emailsync.example/problems/mail-settings-unknown"));
          problem.setTitle("Mail settings unknown");
          return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        });
  }
}
