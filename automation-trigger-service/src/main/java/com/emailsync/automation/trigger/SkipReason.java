package com.emailsync.automation.trigger;

/** Why an automation let a contact's mail pass without firing: counted per reason, so a filter's effect can be seen. */
public enum SkipReason {
  /** Sent by one of the CRM's automations (marked {@code X-Emailsync-Automation}): never fires another. */
  SENT_BY_AUTOMATION,
  /** From a connection or folder the automation is not scoped to. */
  OUT_OF_SCOPE,
  /** An out-of-office, auto-responder, bounce or read receipt, which would start a follow-up with a machine. */
  AUTO_REPLY,
  /** A mailing list, newsletter or campaign. */
  BULK,
  /** The subject does not contain, or match, what the automation asks for. */
  SUBJECT,
  /** The body does not contain, or match, what the automation asks for, or is not kept. */
  BODY,
  /** The contact is not in the CRM segment the automation names (one of its fields with one of the values). */
  CONTACT_ATTRIBUTE,
  /** The sender's domain is not one the automation names. */
  SENDER_DOMAIN,
  /** Not the first mail seen from the contact, and the automation fires on the first only. */
  NOT_FIRST_EMAIL
}
