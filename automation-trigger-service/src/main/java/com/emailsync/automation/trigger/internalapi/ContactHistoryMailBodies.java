package com.emailsync.automation.trigger.internalapi;

import com.emailsync.automation.trigger.MailBodies;
import com.emailsync.events.internal.MailText;
import com.emailsync.events.internal.ServiceTokens;
import com.emailsync.events.kafka.DependencyUnavailable;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads a mail's text from contact-history's internal API ({@link MailText}) with this service's token. Not found is an
 * answer (no body kept); anything else (contact-history away, refusing our token) makes the mail wait, never skip.
 */
public final class ContactHistoryMailBodies implements MailBodies {

  private final RestClient contactHistory;
  private final ServiceTokens serviceTokens;

  /** @param contactHistory a client whose base URL is contact-history's */
  public ContactHistoryMailBodies(RestClient contactHistory, ServiceTokens serviceTokens) {
    this.contactHistory = contactHistory;
    this.serviceTokens = serviceTokens;
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public Optional<String> textOf(String tenantId, String entryId) {
    try {
      MailText.Answer answer = contactHistory.get()
          .uri(MailText.PATH, tenantId, entryId)
          .headers(headers -> headers.setBearerAuth(serviceTokens.current()))
          .retrieve()
          .body(MailText.Answer.class);
      return Optional.ofNullable(answer).map(MailText.Answer::text);
    } catch (HttpClientErrorException e) {
      if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
        return Optional.empty();
      }
      if (e.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST) || e.getStatusCode().isSameCodeAs(HttpStatus.UNPROCESSABLE_CONTENT)) {
        // This entry's own fault (an id contact-history cannot take): the mail is dead-lettered, its partition goes on.
        throw new IllegalArgumentException("contact-history refused the entry " + entryId + " (" + e.getStatusCode() + ")", e);
      }
      throw new DependencyUnavailable("contact-history refused to give a mail's text (" + e.getStatusCode() + ")", e);
    } catch (RestClientException | ServiceTokens.Unavailable e) {
      throw new DependencyUnavailable("contact-history could not be asked for a mail's text", e);
    }
  }
}
