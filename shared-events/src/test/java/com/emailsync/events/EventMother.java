package com.emailsync.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One fixed, realistic example of every event: the golden fixtures are these, serialized. */
public final class EventMother {

  public static final Instant AT = Instant.parse("2026-11-22T09:30:00Z");
  public static final String CONNECTION_ID = "conn-7f3a";
  public static final String TENANT_ID = "acme";

  private EventMother() {}

  public static UUID id(int n) {
    return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
  }

  public static ConnectionChanged connectionChanged() {
    return new ConnectionChanged(
        id(1),
        AT,
        CONNECTION_ID,
        TENANT_ID,
        "user-42",
        "sam@acme.example",
        new ConnectionChanged.Imap("imap.acme.example", 993, ImapSecurity.SSL, "sam@acme.example"),
        "v1:c2VhbGVkLWNyZWRlbnRpYWwtZm9yLWEtdGVzdA==",
        List.of("INBOX", "Sent"),
        Instant.parse("2026-11-22T09:00:00Z"),
        0,
        true,
        List.of(new ConnectionChanged.FolderStart("INBOX", 1700000000L, 18)),
        List.of("sales@acme.example"),
        ConnectionChanged.Backfill.ofDays(90));
  }

  public static MailMessage mailFromContact() {
    return new MailMessage(
        "CAF=1234@mail.customer.example",
        "Quote for 40 seats",
        Instant.parse("2026-11-22T09:29:00Z"),
        new EmailAddress("Carla Customer", "carla@customer.example"),
        List.of(new EmailAddress("Sam Seller", "sam@acme.example")),
        List.of(EmailAddress.of("dave@customer.example")),
        List.of(),
        "Hi Sam, could you send the quote?",
        "<p>Hi Sam, could you send the <b>quote</b>?</p>",
        false,
        List.of(new AttachmentInfo("requirements.pdf", "application/pdf", 48213, false)));
  }

  public static EmailReceived emailReceived() {
    return new EmailReceived(
        id(2), AT, CONNECTION_ID, TENANT_ID, "user-42", new MailboxLocation("INBOX", 1700000000L, 17), mailFromContact(), MailOrigin.LIVE,
        List.of("sam@acme.example"));
  }

  public static EmailSent emailSent() {
    var reply =
        new MailMessage(
            "reply-1@acme.example",
            "Re: Quote for 40 seats",
            Instant.parse("2026-11-22T09:35:00Z"),
            new EmailAddress("Sam Seller", "sam@acme.example"),
            List.of(new EmailAddress("Carla Customer", "carla@customer.example")),
            List.of(),
            List.of(EmailAddress.of("manager@acme.example")),
            "Attached.",
            null,
            false,
            List.of(),
            new MailHeaders("CAF=1234@mail.customer.example", List.of("CAF=1234@mail.customer.example"), null, null, null, false, false, false),
            new GmailIds(1790000000000000005L, 1790000000000000001L, List.of("\\Sent", "Customers")));
    return new EmailSent(
        id(3), AT, CONNECTION_ID, TENANT_ID, "user-42", new MailboxLocation("Sent", 1700000001L, 5), reply, MailOrigin.LIVE, List.of("sam@acme.example"));
  }

  public static SyncStatusReported syncStatusReported() {
    return new SyncStatusReported(
        id(4),
        AT,
        CONNECTION_ID,
        TENANT_ID,
        SyncStatusReported.Status.OK,
        null,
        3,
        new SyncStatusReported.Completeness(Instant.parse("2026-11-22T09:29:50Z"), 1250, 2, 2));
  }

  public static FolderCursorAdvanced folderCursorAdvanced() {
    return new FolderCursorAdvanced(id(5), AT, CONNECTION_ID, "INBOX", 1700000000L, 17, 0, "CAF=1234@mail.customer.example", Instant.parse("2026-11-22T09:29:30Z"),
        List.of(new FolderCursorAdvanced.UidRange(5, 12), new FolderCursorAdvanced.UidRange(14, 17)), 4711);
  }

  public static ContactChanged contactChanged() {
    return new ContactChanged(
        id(6), AT, TENANT_ID, "contact-carla", "Carla Customer", List.of("Carla@Customer.example", "carla@home.example"),
        java.util.Map.of("segment", "enterprise"));
  }

  public static ContactEmailLogged contactEmailLogged() {
    return new ContactEmailLogged(
        id(7),
        AT,
        "entry-9c1d",
        TENANT_ID,
        "contact-carla",
        CONNECTION_ID,
        EmailEvent.Direction.RECEIVED,
        ContactEmailLogged.Role.FROM,
        "CAF=1234@mail.customer.example",
        "Quote for 40 seats",
        new EmailAddress("Carla Customer", "carla@customer.example"),
        Instant.parse("2026-11-22T09:29:00Z"),
        id(2),
        MailOrigin.LIVE,
        "CAF=1234@mail.customer.example",
        true,
        false,
        false,
        false,
        "INBOX");
  }

  public static AutomationTriggered automationTriggered() {
    return new AutomationTriggered(
        id(8),
        AT,
        "firing-1",
        "automation-follow-up",
        TENANT_ID,
        "contact-carla",
        "CONTACT_SENDS_EMAIL",
        "entry-9c1d",
        "CAF=1234@mail.customer.example",
        "Quote for 40 seats");
  }

  public static MailRereadRequested mailRereadRequested() {
    return new MailRereadRequested(id(9), AT, CONNECTION_ID, TENANT_ID, new MailboxLocation("INBOX", 1700000000L, 17), "CAF=1234@mail.customer.example");
  }

  public static SyncHeld syncHeld() {
    return new SyncHeld(id(14), AT, CONNECTION_ID, SyncStatusReported.Status.AUTHENTICATION_FAILED,
        "Jq2Vg3pQzWm1lq5yQ0Jm0c5oHkq4pYV7JtQyq3Yw1mE", 3600);
  }

  public static MessageSetAside messageSetAside() {
    return new MessageSetAside(id(13), AT, CONNECTION_ID, TENANT_ID, new MailboxLocation("INBOX", 1700000000L, 18), null, "its To header could not be read: Missing '\"'");
  }

  public static ContactMerged contactMerged() {
    return new ContactMerged(id(10), AT, TENANT_ID, "contact-carla-duplicate", "contact-carla");
  }

  public static EntriesErased entriesErased() {
    return new EntriesErased(id(11), AT, TENANT_ID, "contact-carla", List.of("entry-9c1d"), EntriesErased.Reason.CONTACT_ERASURE);
  }

  public static ContactSuggested contactSuggested() {
    return new ContactSuggested(id(12), AT, TENANT_ID, "pat@partner.example", "Pat Partner", CONNECTION_ID, "user-42", EmailEvent.Direction.SENT,
        "reply-1@acme.example", Instant.parse("2026-11-22T09:35:00Z"));
  }

  /** Every event type, once. */
  public static List<DomainEvent> everyType() {
    return List.of(
        connectionChanged(),
        emailReceived(),
        emailSent(),
        syncStatusReported(),
        folderCursorAdvanced(),
        contactChanged(),
        contactEmailLogged(),
        automationTriggered(),
        mailRereadRequested(),
        contactMerged(),
        entriesErased(),
        contactSuggested(),
        messageSetAside(),
        syncHeld(),
        connectionNeedsReauth(),
        connectionReauthDue());
  }

  public static ConnectionNeedsReauth connectionNeedsReauth() {
    return new ConnectionNeedsReauth(id(15), AT, CONNECTION_ID, TENANT_ID, "user-42", "sam@acme.example", "google",
        "Google refused to renew the sign-in (invalid_grant): sign in with Google again to keep the mailbox syncing.");
  }

  public static ConnectionReauthDue connectionReauthDue() {
    return new ConnectionReauthDue(id(16), AT, CONNECTION_ID, TENANT_ID, "user-42", "sam@acme.example", "google",
        Instant.parse("2026-06-01T09:00:00Z"), Instant.parse("2026-11-28T09:00:00Z"),
        "Google asks for consent again every 180 days: sign in with Google again before 2026-11-28 to keep the mailbox syncing.");
  }
}
