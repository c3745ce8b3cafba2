package com.emailsync.automation.trigger;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What filters may ask about a contact's mail beyond its event, each fetched only when a filter needs it.
 *
 * @param firstFromContact whether this is the first mail seen from the contact
 * @param body the mail's text (a call to contact-history)
 * @param contactAttributes the contact's CRM fields (segment, lifecycle...)
 */
public record MailFacts(boolean firstFromContact, Supplier<Optional<String>> body, Supplier<Map<String, String>> contactAttributes) {}
