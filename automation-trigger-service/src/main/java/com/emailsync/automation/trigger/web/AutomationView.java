package com.emailsync.automation.trigger.web;

import com.emailsync.automation.trigger.Automation;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An automation as the API shows it: with its scope and filters spelled out, defaults included. */
record AutomationView(
    String id,
    String tenantId,
    String name,
    Automation.Trigger trigger,
    boolean enabled,
    Instant createdAt,
    @Nullable String createdBy,
    Scope scope,
    Filters filters) {

  record Scope(List<String> connectionIds, List<String> folders) {}

  record Filters(@Nullable Text subject, @Nullable Text body, @Nullable Attribute contactAttribute, List<String> senderDomains, boolean firstEmailOnly, boolean includeAutoReplies, boolean includeBulk) {}

  record Text(@Nullable String contains, @Nullable String matches) {}

  record Attribute(String name, List<String> values) {}

  static AutomationView of(Automation a) {
    var f = a.filters();
    return new AutomationView(a.id(), a.tenantId(), a.name(), a.trigger(), a.enabled(), a.createdAt(), a.createdBy(),
        new Scope(a.scope().connectionIds(), a.scope().folders()),
        new Filters(f.subject() == null ? null : new Text(f.subject().contains(), f.subject().matches()),
            f.body() == null ? null : new Text(f.body().contains(), f.body().matches()),
            f.contactAttribute() == null ? null : new Attribute(f.contactAttribute().name(), f.contactAttribute().values()), f.senderDomains(), f.firstEmailOnly(),
            f.includeAutoReplies(), f.includeBulk()));
  }
}
