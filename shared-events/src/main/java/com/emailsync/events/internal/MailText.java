package com.emailsync.events.internal;

/**
 * The internal call the trigger service makes for an automation that filters on the body: the plain text of a history
 * entry's mail (its text body, or the text of its HTML body), as contact-history keeps it. Not found when the entry is
 * gone or its tenant keeps no bodies (visibility SUMMARY or METADATA).
 */
public final class MailText {

  /** GET, with a service token of a caller contact-history lists. */
  public static final String PATH = "/internal/v1/tenants/{tenantId}/history/{entryId}/text";

  private MailText() {}

  public record Answer(String text) {}
}
